using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VaultTools.Connection;
using VaultTools.Errors;

namespace VaultTools.Completers
{
    /// <summary>Completes the names Invoke-VaultRotation can rotate: secrets, keys and certificates of the vault.</summary>
    public sealed class RotationNameCompleter : EntryNameCompleter
    {
        protected override IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new Rotation.RotationService(connection)
                .List(vault, new[] { EntryKind.Secret, EntryKind.Key, EntryKind.Certificate }, null, cancellationToken)
                .Select(e => e.Name)
                .Distinct();
    }
}
