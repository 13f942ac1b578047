namespace VaultTools.Emulator.Storage;

/// <summary>Typed access to the <c>vaults</c> table.</summary>
public sealed class VaultStore(EmulatorDatabase database)
{
    public VaultRecord? Get(string name)
    {
        // Read on every data-plane request: the document is cached until a vault changes (a copy deserialized each time).
        var document = database.ReadAccessData("vault:" + name, s => s.GetVaultDocument(name));
        return document is null ? null : StorageJson.Deserialize<VaultRecord>(document);
    }

    public IReadOnlyList<VaultRecord> List() =>
        database.Read(s => s.ListVaultDocuments()).Select(StorageJson.Deserialize<VaultRecord>).ToList();

    public void Upsert(VaultRecord vault) =>
        database.Write(s => s.UpsertVault(vault.Name, StorageJson.Serialize(vault)));

    /// <summary>Vault names: 3-24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no "--".</summary>
    public static bool IsValidName(string name) =>
        name.Length is >= 3 and <= 24
        && char.IsAsciiLetter(name[0])
        && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
        && !name.Contains("--", StringComparison.Ordinal);
}
