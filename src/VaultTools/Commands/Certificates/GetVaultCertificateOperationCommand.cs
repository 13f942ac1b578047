using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>Reads the state of a certificate's pending operation (after Add-VaultCertificate -NoWait, or a renewal).</summary>
    [Cmdlet(VerbsCommon.Get, "VaultCertificateOperation")]
    [OutputType(typeof(CertificateOperationStatus))]
    public sealed class GetVaultCertificateOperationCommand : VaultFirstCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        [Alias("CertificateName")]
        public string Name { get; set; } = "";

        protected override void ProcessRecord()
        {
            Run(Name, () => WriteObject(new CertificateService(Connection).GetOperation(ResolveVault(), Name, CancelToken)));
        }
    }
}
