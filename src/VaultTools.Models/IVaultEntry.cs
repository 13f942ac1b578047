namespace VaultTools
{
    /// <summary>
    /// What every secret, key and certificate (live or deleted, properties or in full) has: where it is and which
    /// version it is. These are the properties that bind by name into the next VaultTools cmdlet.
    /// </summary>
    public interface IVaultEntry
    {
        string VaultName { get; }
        string Name { get; }
        string? Version { get; }
        string Id { get; }
    }
}
