using System.Linq;
using System.Threading;
using VaultTools.Connection;

namespace VaultTools
{
    /// <summary>
    /// The current version's properties of a secret, key or certificate, told from its version list (list
    /// permission only; no value is read). The one place that knows the list's limit: versions made within the
    /// same second tie on Created (whole seconds on the wire), and the service lists versions by version id, not
    /// by age, so when the two newest tie the list cannot say which is current. Callers decide what a tie means
    /// to them: Update-VaultSecret asks for -Version, rotation reads the current version itself, BitLocker escrow
    /// takes the current version's tags from the vault's list of secrets.
    /// </summary>
    public static class CurrentVersion
    {
        /// <summary>
        /// The newest listed version of <paramref name="name"/> and whether it is certainly the current one
        /// (<c>Tied</c> is true when the two newest share their creation second). NotFound when there is no version.
        /// </summary>
        public static (TProperties Newest, bool Tied) FromVersionList<TEntry, TProperties, TDeleted>(
            this IEntryReading<TEntry, TProperties, TDeleted> service, VaultAddress vault, string name, CancellationToken cancellationToken = default)
            where TEntry : class
            where TProperties : VaultEntryProperties
            where TDeleted : class
        {
            var top = service.ListVersions(vault, name, cancellationToken).Take(2).ToList();
            return (top[0], top.Count == 2 && top[0].Created == top[1].Created);
        }
    }
}
