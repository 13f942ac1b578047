namespace VaultTools.Emulator.Identity;

/// <summary>
/// A client secret of an app registration, as Microsoft Graph's passwordCredential resource describes it.
/// <see cref="SecretText"/> is kept (in the owner-only state.json) because the token endpoint compares it;
/// Graph returns it only once, in the answer to addPassword.
/// </summary>
public sealed record PasswordCredential
{
    public required string KeyId { get; init; }
    public string? DisplayName { get; init; }
    /// <summary>The secret's first three characters, as Graph shows them.</summary>
    public required string Hint { get; init; }
    public required string SecretText { get; init; }
    public required DateTimeOffset StartDateTime { get; init; }
    public required DateTimeOffset EndDateTime { get; init; }
}
