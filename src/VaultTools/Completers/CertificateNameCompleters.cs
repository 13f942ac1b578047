using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VaultTools.Certificates;
using VaultTools.Connection;
using VaultTools.Secrets;

namespace VaultTools.Completers
{
    /// <summary>Completes certificate names from the vault.</summary>
    public sealed class CertificateNameCompleter : EntryNameCompleter
    {
        protected override IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new CertificateService(connection).List(vault, null, cancellationToken).Select(c => c.Name);
    }

    /// <summary>Completes the names of soft-deleted certificates (for Undo-VaultCertificateRemoval).</summary>
    public sealed class DeletedCertificateNameCompleter : EntryNameCompleter
    {
        protected override IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new CertificateService(connection).ListDeleted(vault, null, cancellationToken).Select(c => c.Name);
    }

    /// <summary>Completes the names of soft-deleted secrets (for Undo-VaultSecretRemoval).</summary>
    public sealed class DeletedSecretNameCompleter : EntryNameCompleter
    {
        protected override IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new SecretService(connection).ListDeleted(vault, null, cancellationToken).Select(s => s.Name);
    }
}
