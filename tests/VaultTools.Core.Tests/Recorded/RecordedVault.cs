using VaultTools.Connection;
using VaultTools.Internal;

namespace VaultTools.Core.Tests.Recorded;

/// <summary>A connection to the recorded vault (https://REDACTED.vault.azure.net/) whose clients talk to a <see cref="RecordedTransport"/>.</summary>
public sealed class RecordedVault
{
    public RecordedVault()
    {
        Connection = VaultConnection.ForTransport(new ConnectionRequest
        {
            Credential = CredentialKind.AccessToken,
            AccessToken = SecureStrings.FromPlainText("eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDB9.sig"),
            VaultUri = Recordings.VaultUri,
        }, Transport);
        Vault = Connection.DefaultVault!;
    }

    public RecordedTransport Transport { get; } = new();

    public VaultConnection Connection { get; }

    public VaultAddress Vault { get; }

    /// <summary>Polling fast enough for tests (the service's own pauses are seconds).</summary>
    public static PollSettings FastPolling(TimeSpan? timeout = null)
        => new() { Interval = TimeSpan.FromMilliseconds(1), MaxInterval = TimeSpan.FromMilliseconds(5), Timeout = timeout ?? TimeSpan.FromSeconds(10) };
}
