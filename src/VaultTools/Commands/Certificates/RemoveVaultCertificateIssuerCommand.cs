using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>Deletes a certificate issuer from the vault (no soft delete: it is gone). Certificates it issued stay.</summary>
    [Cmdlet(VerbsCommon.Remove, "VaultCertificateIssuer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(VaultCertificateIssuer))]
    public sealed class RemoveVaultCertificateIssuerCommand : CertificateIssuerCmdlet
    {
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                CertificateIssuerService.CheckIssuerName(Name, "Name");
                if (!this.ShouldProcessOrForce(Force, CertificateIssuerService.IssuerUrl(vault, Name), "Remove certificate issuer"))
                {
                    return;
                }

                var removed = new CertificateIssuerService(Connection).Remove(vault, Name, CancelToken);
                if (PassThru)
                {
                    WriteObject(removed);
                }
            });
        }
    }
}
