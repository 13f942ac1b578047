using System;
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
    public sealed class GetVaultSecretCommand : VaultCmdlet
    {
        private const string ByName = "ByName";
        private const string ById = "ById";

        [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = ByName, Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? Version { get; set; }

        [Parameter(ParameterSetName = ByName)]
        public SwitchParameter IncludeVersions { get; set; }

        /// <summary>Read or list soft-deleted secrets (wildcards allowed) instead of live ones.</summary>
        [Parameter(ParameterSetName = ByName)]
        public SwitchParameter InRemovedState { get; set; }

        [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public Uri Id { get; set; } = null!;

        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void ProcessRecord()
        {
            var service = new SecretService(Connection);
            if (ParameterSetName == ById)
            {
                Run(Id, () => WriteSecret(service.GetById(Id, CancelToken)));
                return;
            }

            Run(Name, () =>
            {
                var vault = ResolveVault();
                bool wildcard = Name is null || WildcardPattern.ContainsWildcardCharacters(Name);
                if (InRemovedState)
                {
                    WriteRemoved(service, vault, wildcard);
                    return;
                }

                if (!wildcard && !IncludeVersions)
                {
                    WriteSecret(service.Get(vault, Name!, Version, CancelToken));
                    return;
                }

                if (Version != null)
                {
                    throw Errors.VaultException.InvalidArgument("VersionWithoutName", "Version",
                        "-Version reads one secret: give an exact -Name (no wildcards) and no -IncludeVersions.");
                }

                if (AsPlainText)
                {
                    throw Errors.VaultException.InvalidArgument("AsPlainTextNeedsOneSecret", "AsPlainText",
                        "-AsPlainText returns one secret's value: give an exact -Name, or pipe the list into Get-VaultSecret -AsPlainText to read each value.");
                }

                if (!wildcard)
                {
                    foreach (var version in service.ListVersions(vault, Name!, CancelToken))
                    {
                        WriteObject(version);
                    }

                    return;
                }

                var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                foreach (var secret in service.List(vault, pattern is null ? null : pattern.IsMatch, CancelToken))
                {
                    if (IncludeVersions)
                    {
                        foreach (var version in service.ListVersions(vault, secret.Name, CancelToken))
                        {
                            WriteObject(version);
                        }
                    }
                    else
                    {
                        WriteObject(secret);
                    }
                }
            });
        }

        private void WriteRemoved(SecretService service, VaultTools.Connection.VaultAddress vault, bool wildcard)
        {
            if (Version != null || IncludeVersions || AsPlainText)
            {
                throw Errors.VaultException.InvalidArgument("NotForRemovedState", Version != null ? "Version" : IncludeVersions ? "IncludeVersions" : "AsPlainText",
                    "-InRemovedState lists deleted secrets, which have no readable value or versions: leave out -Version, -IncludeVersions and -AsPlainText (recover the secret first with Undo-VaultSecretRemoval).");
            }

            if (!wildcard)
            {
                WriteObject(service.GetDeleted(vault, Name!, CancelToken));
                return;
            }

            var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            foreach (var deleted in service.ListDeleted(vault, pattern is null ? null : pattern.IsMatch, CancelToken))
            {
                WriteObject(deleted);
            }
        }

        private void WriteSecret(VaultSecret secret)
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
