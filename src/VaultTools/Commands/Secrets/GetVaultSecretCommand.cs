using System.Management.Automation;
using VaultTools.Internal;
using VaultTools.Secrets;

namespace VaultTools.Commands.Secrets
{
    /// <summary>
    /// Reads a secret (value as SecureString, or as plain text with -AsPlainText), lists secrets
    /// matching a wildcard, lists a secret's versions, or reads an entry by its own URL (-Id).
    /// With -InRemovedState it reads or lists soft-deleted secrets instead.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VaultSecret", DefaultParameterSetName = ByName)]
    [OutputType(typeof(VaultSecret), typeof(VaultSecretProperties), typeof(DeletedVaultSecret), typeof(string))]
    public sealed class GetVaultSecretCommand : GetEntryCmdlet<VaultSecret, VaultSecretProperties, DeletedVaultSecret>
    {
        [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        public string? Name { get; set; }

        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override string? EntryName => Name;

        private protected override IEntryLifecycle CreateService() => new SecretService(Connection);

        protected override void CheckOwnParameters(bool removed, bool many)
        {
            if (AsPlainText && removed)
            {
                throw Errors.VaultException.InvalidArgument("NotForRemovedState", "AsPlainText",
                    "-InRemovedState reads deleted secrets, which have no readable value: leave out -AsPlainText (recover the secret first with Undo-VaultSecretRemoval).");
            }

            if (AsPlainText && many)
            {
                throw Errors.VaultException.InvalidArgument("AsPlainTextNeedsOneSecret", "AsPlainText",
                    "-AsPlainText returns one secret's value: give an exact -Name, or pipe the list into Get-VaultSecret -AsPlainText to read each value.");
            }
        }

        protected override void WriteEntry(VaultSecret secret)
        {
            if (AsPlainText)
            {
                WriteObject(secret.SecretValue is null ? null : SecureStrings.ToPlainText(secret.SecretValue));
            }
            else
            {
                WriteObject(secret);
            }
        }
    }
}
