using System.IO;
using System.Management.Automation;
using System.Security;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Writes a certificate to a file: Pfx with the private key (read from the backing secret and
    /// protected with -Password), Pem (private key, encrypted when -Password is given, then the chain),
    /// or Cer (public certificate only). Refuses to replace a file without -Force; writes atomically.
    /// </summary>
    [Cmdlet(VerbsData.Export, "VaultCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportVaultCertificateCommand : VaultFirstCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        [Alias("CertificateName")]
        public string Name { get; set; } = "";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Version { get; set; }

        [Parameter(Mandatory = true, Position = 2)]
        [Alias("Path")]
        public string FilePath { get; set; } = "";

        /// <summary>Pfx, Pem or Cer; by default from the file extension (.pem, .cer/.crt/.der, anything else Pfx).</summary>
        /// <remarks>A string, not Core's CertificateFileFormat: a value-type field of a Core type would make PowerShell
        /// load Core while it scans this assembly, before the module's load context is set up.</remarks>
        [Parameter]
        [ValidateSet("Pfx", "Pem", "Cer", IgnoreCase = true)]
        public string? Format { get; set; }

        [Parameter]
        public SecureString? Password { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                Validation.EntryRules.CheckEntryName(Name, Errors.EntryKind.Certificate, "Name");
                string path = GetUnresolvedProviderPathFromPSPath(FilePath);
                var format = Format is null ? CertificateFiles.FormatFromPath(path) : (CertificateFileFormat)System.Enum.Parse(typeof(CertificateFileFormat), Format, ignoreCase: true);
                string what = format == CertificateFileFormat.Cer ? "public certificate" : "certificate with its private key";
                if (!ShouldProcess(path, $"Export {what} '{CertificateService.EntryUrl(vault, Name, Version)}' as {format}"))
                {
                    return;
                }

                WriteFileItem(new CertificateService(Connection).Export(vault, Name, string.IsNullOrEmpty(Version) ? null : Version, path, format, Password, Force, CancelToken));
            });
        }
    }
}
