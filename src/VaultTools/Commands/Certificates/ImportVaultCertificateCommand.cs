using System.Collections;
using System.Management.Automation;
using System.Security;
using VaultTools.Certificates;
using VaultTools.Validation;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Imports a certificate with its private key from a PFX (.pfx/.p12) or PEM file. The file is opened
    /// locally first: a wrong password is an InvalidArgument error naming -Password and nothing is sent.
    /// </summary>
    [Cmdlet(VerbsData.Import, "VaultCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultCertificate))]
    public sealed class ImportVaultCertificateCommand : VaultFirstCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        [Alias("CertificateName")]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("Path", "FullName")]
        public string FilePath { get; set; } = "";

        [Parameter]
        public SecureString? Password { get; set; }

        [Parameter]
        [Alias("Tags")]
        public Hashtable? Tag { get; set; }

        [Parameter]
        public SwitchParameter Disable { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                EntryRules.CheckEntryName(Name, Errors.EntryKind.Certificate, "Name");
                var import = new CertificateImport
                {
                    Name = Name,
                    FilePath = GetUnresolvedProviderPathFromPSPath(FilePath),
                    Password = Password,
                    Tags = ToTags(Tag),
                    Enabled = !Disable,
                };
                var content = CertificateFiles.ReadForImport(import.FilePath, import.Password);
                if (!ShouldProcess(CertificateService.EntryUrl(vault, Name, null), $"Import certificate {content.Subject} ({content.Thumbprint}) from '{import.FilePath}'"))
                {
                    return;
                }

                WriteObject(new CertificateService(Connection).Import(vault, import, content, CancelToken));
            });
        }
    }
}
