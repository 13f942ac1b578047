using System;
using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Reads a certificate (its public X.509 certificate, key and secret ids), lists certificates
    /// matching a wildcard, lists a certificate's versions, reads one by its own URL (-Id), or with
    /// -InRemovedState reads or lists soft-deleted certificates.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VaultCertificate", DefaultParameterSetName = ByName)]
    [OutputType(typeof(VaultCertificate), typeof(VaultCertificateProperties), typeof(DeletedVaultCertificate))]
    public sealed class GetVaultCertificateCommand : VaultCmdlet
    {
        private const string ByName = "ByName";
        private const string ById = "ById";

        [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = ByName, Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? Version { get; set; }

        [Parameter(ParameterSetName = ByName)]
        public SwitchParameter IncludeVersions { get; set; }

        [Parameter(ParameterSetName = ByName)]
        public SwitchParameter InRemovedState { get; set; }

        [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public Uri Id { get; set; } = null!;

        protected override void ProcessRecord()
        {
            var service = new CertificateService(Connection);
            if (ParameterSetName == ById)
            {
                Run(Id, () => WriteObject(service.GetById(Id, CancelToken)));
                return;
            }

            Run(Name, () =>
            {
                var vault = ResolveVault();
                bool wildcard = Name is null || WildcardPattern.ContainsWildcardCharacters(Name);
                var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                if (InRemovedState)
                {
                    if (Version != null || IncludeVersions)
                    {
                        throw Errors.VaultException.InvalidArgument("NotForRemovedState", Version != null ? "Version" : "IncludeVersions",
                            "-InRemovedState reads deleted certificates as a whole: leave out -Version and -IncludeVersions.");
                    }

                    if (!wildcard)
                    {
                        WriteObject(service.GetDeleted(vault, Name!, CancelToken));
                        return;
                    }

                    foreach (var deleted in service.ListDeleted(vault, pattern is null ? null : pattern.IsMatch, CancelToken))
                    {
                        WriteObject(deleted);
                    }

                    return;
                }

                if (!wildcard && !IncludeVersions)
                {
                    WriteObject(service.Get(vault, Name!, Version, CancelToken));
                    return;
                }

                if (Version != null)
                {
                    throw Errors.VaultException.InvalidArgument("VersionWithoutName", "Version",
                        "-Version reads one certificate: give an exact -Name (no wildcards) and no -IncludeVersions.");
                }

                if (!wildcard)
                {
                    foreach (var version in service.ListVersions(vault, Name!, CancelToken))
                    {
                        WriteObject(version);
                    }

                    return;
                }

                foreach (var certificate in service.List(vault, pattern is null ? null : pattern.IsMatch, CancelToken))
                {
                    if (IncludeVersions)
                    {
                        foreach (var version in service.ListVersions(vault, certificate.Name, CancelToken))
                        {
                            WriteObject(version);
                        }
                    }
                    else
                    {
                        WriteObject(certificate);
                    }
                }
            });
        }
    }
}
