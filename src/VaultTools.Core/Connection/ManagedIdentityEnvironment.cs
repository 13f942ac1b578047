using System;

namespace VaultTools.Connection
{
    /// <summary>
    /// The one piece of process state that emulator mode changes outside VaultTools: AZURE_POD_IDENTITY_AUTHORITY_HOST,
    /// the documented override of the IMDS address, which Azure.Identity reads at every managed-identity token
    /// request. It points at the emulator only while the session's connection is a managed identity of the
    /// emulator; when the session changes or ends (Connect-Vault, Disconnect-Vault, Stop-VaultEmulator) the value
    /// the process had before is put back, so that a later managed-identity connection to Azure (or AKS pod
    /// identity) is not sent to a stopped emulator.
    /// </summary>
    internal static class ManagedIdentityEnvironment
    {
        internal const string Variable = "AZURE_POD_IDENTITY_AUTHORITY_HOST";

        private static readonly object Gate = new object();
        private static bool _pointed;
        private static string? _before;

        /// <summary>Follows the session: points at the connection's emulator, or restores what the process had.</summary>
        public static void Follow(VaultConnection? connection)
        {
            lock (Gate)
            {
                string? authority = connection?.EmulatorImdsAuthority;
                if (authority != null)
                {
                    if (!_pointed)
                    {
                        _before = Environment.GetEnvironmentVariable(Variable);
                        _pointed = true;
                    }

                    Environment.SetEnvironmentVariable(Variable, authority);
                }
                else if (_pointed)
                {
                    Environment.SetEnvironmentVariable(Variable, _before);
                    _pointed = false;
                    _before = null;
                }
            }
        }
    }
}
