namespace VaultTools.Emulator.Secrets;

/// <summary>One secret version as stored (table <c>versions</c>, kind <c>secret</c>).</summary>
public sealed record SecretDocument
{
    public required string Value { get; init; }
    public string? ContentType { get; init; }
    /// <summary>Null when never set (the service then omits "tags").</summary>
    public Dictionary<string, string>? Tags { get; init; }
    public bool Enabled { get; init; } = true;
    public long? NotBefore { get; init; }
    public long? Expires { get; init; }
    public long Created { get; init; }
    public long Updated { get; init; }
    /// <summary>True for secrets backing a certificate (written by Certificates/, never by the secrets API).</summary>
    public bool Managed { get; init; }
    /// <summary>For certificate-backed secrets: the key id of the certificate's backing key.</summary>
    public string? Kid { get; init; }
    /// <summary>
    /// For certificate-backed secrets, whose value holds a private key: the value encrypted by
    /// <see cref="Storage.KeyMaterialProtector"/>, bound to <see cref="ProtectionBinding"/>; <see cref="Value"/> is then empty.
    /// </summary>
    public string? ProtectedValue { get; init; }

    /// <summary>What a protected value of version <paramref name="version"/> is bound to.</summary>
    public static string ProtectionBinding(string version) => "secret:" + version;
}
