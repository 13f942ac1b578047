using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VaultTools.Connection;

namespace VaultTools.Completers
{
    /// <summary>Completes key names from the vault of -VaultName/-VaultUri (or the session's default); deleted ones after -InRemovedState.</summary>
    public sealed class KeyNameCompleter : EntryNameCompleter
    {
        protected override IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new Keys.KeyService(connection).List(vault, null, cancellationToken).Select(k => k.Name);

        protected override IEnumerable<string>? ListDeletedNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new Keys.KeyService(connection).ListDeleted(vault, null, cancellationToken).Select(k => k.Name);
    }
}
