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
    /// <summary>True for secrets backing a certificate (set by Certificates/, later).</summary>
    public bool Managed { get; init; }
    /// <summary>For certificate-backed secrets: the key id (set by Certificates/, later).</summary>
    public string? Kid { get; init; }
}
