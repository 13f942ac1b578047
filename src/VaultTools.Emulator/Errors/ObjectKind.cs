namespace VaultTools.Emulator.Errors;

/// <summary>
/// A kind of vault object (secret, key, certificate): the words its error messages use, the name under
/// which its entries are stored (<see cref="StorageKind"/>) and the route segments of its entries.
/// </summary>
public sealed record ObjectKind(string StorageKind, string Singular, string Title, string NotFoundCode)
{
    public static readonly ObjectKind Secret = new("secret", "secret", "Secret", "SecretNotFound");
    public static readonly ObjectKind Key = new("key", "key", "Key", "KeyNotFound");
    public static readonly ObjectKind Certificate = new("certificate", "certificate", "Certificate", "CertificateNotFound");

    /// <summary>The entries' route segment: <c>/secrets</c>, <c>/keys</c>, <c>/certificates</c>.</summary>
    public string Collection => StorageKind + "s";

    /// <summary>The deleted entries' route segment: <c>/deletedsecrets</c>, ...</summary>
    public string DeletedCollection => "deleted" + Collection;
}
