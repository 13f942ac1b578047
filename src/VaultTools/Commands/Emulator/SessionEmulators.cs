using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using VaultTools.Emulator;

namespace VaultTools.Commands.Emulator
{
    /// <summary>
    /// The emulators each PowerShell session (runspace) started: Core's list is per process, so without this
    /// a bare Stop-VaultEmulator in one runspace would stop another runspace's emulators.
    /// </summary>
    internal static class SessionEmulators
    {
        private static readonly ConditionalWeakTable<Runspace, HashSet<int>> Started = new ConditionalWeakTable<Runspace, HashSet<int>>();

        public static void Add(VaultEmulator emulator)
        {
            var ids = Started.GetOrCreateValue(Runspace.DefaultRunspace);
            lock (ids)
            {
                ids.Add(emulator.ProcessId);
            }
        }

        /// <summary>This session's emulators that are still running, oldest first.</summary>
        public static IReadOnlyList<VaultEmulator> Running()
        {
            if (Runspace.DefaultRunspace is null || !Started.TryGetValue(Runspace.DefaultRunspace, out var ids))
            {
                return Array.Empty<VaultEmulator>();
            }

            lock (ids)
            {
                return EmulatorProcess.Running.Where(e => ids.Contains(e.ProcessId)).ToArray();
            }
        }
    }
}
