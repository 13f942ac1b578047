namespace VaultTools.Emulator.Certificates;

/// <summary>
/// A certificate's policy as stored (table <c>vault_settings</c>, kind <c>certificate.policy</c>,
/// name = certificate name; purged with the certificate). It governs the next version: key type and
/// size, whether the key is exportable or reused, the backing secret's content type, subject, SANs,
/// key usages, EKUs, validity, lifetime actions and issuer.
/// </summary>
public sealed record CertificatePolicyDocument
{
    public string Kty { get; init; } = "RSA";
    /// <summary>RSA modulus bits, or the curve's size for EC (256, 384, 521).</summary>
    public int? KeySize { get; init; }
    public string? Crv { get; init; }
    public bool Exportable { get; init; } = true;
    public bool ReuseKey { get; init; }
    public string ContentType { get; init; } = CertificatePolicyRules.Pkcs12;
    public string? Subject { get; init; }
    public List<string> DnsNames { get; init; } = [];
    public List<string> Emails { get; init; } = [];
    public List<string> Upns { get; init; } = [];
    public List<string> Ekus { get; init; } = [];
    /// <summary>Null until completed with the key type's default.</summary>
    public List<string>? KeyUsage { get; init; }
    public int ValidityMonths { get; init; } = 12;
    /// <summary>Null until completed with the default (80 % AutoRenew for new certificates, none for imports).</summary>
    public List<LifetimeActionDocument>? LifetimeActions { get; init; }
    public string IssuerName { get; init; } = CertificatePolicyRules.SelfIssuer;
    public string? CertificateType { get; init; }
    public bool? CertificateTransparency { get; init; }
    public bool Enabled { get; init; } = true;
    public long Created { get; init; }
    public long Updated { get; init; }

    public bool IsRsa => Kty.StartsWith("RSA", StringComparison.Ordinal);
}

/// <summary>One lifetime action: exactly one trigger, AutoRenew or EmailContacts.</summary>
public sealed record LifetimeActionDocument
{
    public int? LifetimePercentage { get; init; }
    public int? DaysBeforeExpiry { get; init; }
    public required string ActionType { get; init; }
}
