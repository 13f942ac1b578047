namespace VaultTools.Emulator.Keys;

/// <summary>
/// One key version as stored (table <c>versions</c>, kind <c>key</c>): the public JSON web key, the
/// attributes and tags, and the private key as PKCS#8 encrypted by
/// <see cref="Storage.KeyMaterialProtector"/> (bound to the version id). The private part is never
/// written into a response.
/// </summary>
public sealed record KeyDocument
{
    /// <summary>RSA, RSA-HSM, EC or EC-HSM.</summary>
    public required string Kty { get; init; }
    public required List<string> KeyOps { get; init; }
    /// <summary>RSA modulus, base64url.</summary>
    public string? N { get; init; }
    /// <summary>RSA public exponent, base64url.</summary>
    public string? E { get; init; }
    /// <summary>The curve of an EC key. An imported RSA key keeps a <c>crv</c> it was given, as the service does (recording KeyVaultKeyClient.ImportKey).</summary>
    public string? Crv { get; init; }
    public string? X { get; init; }
    public string? Y { get; init; }
    /// <summary>PKCS#8 private key, AES-GCM encrypted under the data folder's key-material key.</summary>
    public required string PrivateKey { get; init; }
    /// <summary>Null when never set (the service then omits "tags").</summary>
    public Dictionary<string, string>? Tags { get; init; }
    public bool Enabled { get; init; } = true;
    public long? NotBefore { get; init; }
    public long? Expires { get; init; }
    public long Created { get; init; }
    public long Updated { get; init; }
    /// <summary>Always false for now: exportable keys need a release policy (secure key release is not implemented).</summary>
    public bool Exportable { get; init; }
    /// <summary>True for keys backing a certificate (written by Certificates/; the keys API refuses to write them on its own).</summary>
    public bool Managed { get; init; }

    public bool IsRsa => Kty.StartsWith("RSA", StringComparison.Ordinal);
    public bool IsHsm => Kty.EndsWith("-HSM", StringComparison.Ordinal);
}

/// <summary>A key's rotation policy as stored (table <c>vault_settings</c>, kind <c>keyrotationpolicy</c>, name = key name).</summary>
public sealed record RotationPolicyDocument
{
    public required List<LifetimeActionDocument> LifetimeActions { get; init; }
    /// <summary>ISO 8601 duration applied as the expiry of new versions, as the caller wrote it (e.g. P48M).</summary>
    public string? ExpiryTime { get; init; }
    public long Created { get; init; }
    public long Updated { get; init; }
}

/// <summary>One lifetime action: Rotate or Notify, with exactly one trigger.</summary>
public sealed record LifetimeActionDocument
{
    public required string Type { get; init; }
    public string? TimeAfterCreate { get; init; }
    public string? TimeBeforeExpiry { get; init; }
}
