using VaultTools.Errors;

namespace VaultTools.Connection
{
    /// <summary>
    /// The process-wide current connection (what Connect-Vault sets), like Az's current context: a
    /// runbook or script connects once and every cmdlet, in any runspace of the process, reuses the
    /// credential and its cached tokens.
    /// </summary>
    public static class VaultSession
    {
        private static volatile VaultConnection? _current;

        public static VaultConnection? Current => _current;

        public static void Set(VaultConnection connection)
        {
            _current = connection;
            ManagedIdentityEnvironment.Follow(connection);
        }

        public static void Clear()
        {
            _current = null;
            ManagedIdentityEnvironment.Follow(null);
        }

        public static VaultConnection Require()
            => _current ?? throw new VaultException(VaultErrorKind.NotConnected, "VaultNotConnected",
                "Not connected: run Connect-Vault first (for example Connect-Vault -Identity -VaultName myvault, or Start-VaultEmulator | Connect-Vault -Emulator).")
            {
                RecommendedAction = "Run Connect-Vault.",
            };
    }
}
