using System.Collections.Generic;
using System.Threading;
using VaultTools.Connection;

namespace VaultTools.Completers
{
    /// <summary>Completes the computer names that have BitLocker or ADE keys in the vault (from the secrets' tags).</summary>
    public sealed class BitLockerComputerNameCompleter : EntryNameCompleter
    {
        protected override IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new BitLocker.BitLockerService(connection).ComputerNames(vault, cancellationToken);
    }
}
