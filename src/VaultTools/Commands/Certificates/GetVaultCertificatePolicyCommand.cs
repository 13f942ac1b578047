using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>Reads a certificate's policy: the settings Key Vault uses for its next version and renewals.</summary>
    [Cmdlet(VerbsCommon.Get, "VaultCertificatePolicy")]
    [OutputType(typeof(VaultCertificatePolicy))]
    public sealed class GetVaultCertificatePolicyCommand : VaultFirstCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        [Alias("CertificateName")]
        public string Name { get; set; } = "";

        protected override void ProcessRecord()
        {
            Run(Name, () => WriteObject(new CertificateService(Connection).GetPolicy(ResolveVault(), Name, CancelToken)));
        }
    }
}
