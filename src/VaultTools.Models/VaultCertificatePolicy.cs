using System;

namespace VaultTools
{
    /// <summary>
    /// How Key Vault issues and renews a certificate: subject, SANs, validity, key, content type of the
    /// backing secret, and the lifetime actions (auto-renew, e-mail). Made locally by
    /// New-VaultCertificatePolicy, read by Get-VaultCertificatePolicy, used by Add-VaultCertificate
    /// -Policy and Set-VaultCertificatePolicy -Policy. Properties are settable so a policy can be read,
    /// changed and written back; a null property means "not set" (the service keeps or defaults it).
    /// </summary>
    public class VaultCertificatePolicy
    {
        /// <summary>The vault and certificate the policy was read from (empty for a new policy).</summary>
        public string? VaultName { get; set; }
        public Uri? VaultUri { get; set; }
        public string? Name { get; set; }
        public string? Id { get; set; }

        /// <summary>"Self" for self-signed certificates (the default), or the name of an issuer configured in the vault.</summary>
        public string? IssuerName { get; set; }
        /// <summary>The X.500 subject, e.g. "CN=www.contoso.com, O=Contoso".</summary>
        public string? SubjectName { get; set; }
        public string[] DnsNames { get; set; } = Array.Empty<string>();
        public string[] Emails { get; set; } = Array.Empty<string>();
        public string[] UserPrincipalNames { get; set; } = Array.Empty<string>();
        public int? ValidityInMonths { get; set; }

        /// <summary>RSA, RSA-HSM, EC or EC-HSM.</summary>
        public string? KeyType { get; set; }
        /// <summary>RSA: 2048, 3072 or 4096.</summary>
        public int? KeySize { get; set; }
        /// <summary>EC: P-256, P-384, P-521 or P-256K.</summary>
        public string? CurveName { get; set; }
        public bool? Exportable { get; set; }
        public bool? ReuseKey { get; set; }

        /// <summary>The backing secret's format: Pkcs12 (application/x-pkcs12) or Pem (application/x-pem-file).</summary>
        public string? ContentType { get; set; }
        public string[] KeyUsage { get; set; } = Array.Empty<string>();
        /// <summary>Enhanced key usages as OIDs, e.g. 1.3.6.1.5.5.7.3.1 (server authentication).</summary>
        public string[] EnhancedKeyUsage { get; set; } = Array.Empty<string>();

        /// <summary>Renew automatically at this percentage of the lifetime (1-99).</summary>
        public int? RenewAtPercentageLifetime { get; set; }
        /// <summary>Renew automatically this many days before expiry (1 to ValidityInMonths x 27).</summary>
        public int? RenewAtDaysBeforeExpiry { get; set; }
        /// <summary>E-mail the vault's certificate contacts at this percentage of the lifetime (1-99).</summary>
        public int? EmailAtPercentageLifetime { get; set; }
        /// <summary>E-mail the vault's certificate contacts this many days before expiry.</summary>
        public int? EmailAtDaysBeforeExpiry { get; set; }

        public string? CertificateType { get; set; }
        public bool? CertificateTransparency { get; set; }
        public bool? Enabled { get; set; }
        public DateTimeOffset? Created { get; set; }
        public DateTimeOffset? Updated { get; set; }

        public override string ToString() => Id ?? $"{SubjectName} ({IssuerName ?? "Self"})";

        /// <summary>A copy, so that changing it does not change the original.</summary>
        public VaultCertificatePolicy Clone()
        {
            var copy = (VaultCertificatePolicy)MemberwiseClone();
            copy.DnsNames = (string[])DnsNames.Clone();
            copy.Emails = (string[])Emails.Clone();
            copy.UserPrincipalNames = (string[])UserPrincipalNames.Clone();
            copy.KeyUsage = (string[])KeyUsage.Clone();
            copy.EnhancedKeyUsage = (string[])EnhancedKeyUsage.Clone();
            return copy;
        }
    }
}
