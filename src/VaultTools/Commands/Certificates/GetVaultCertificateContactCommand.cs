using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>Lists who the vault e-mails about its certificates (nothing when the vault has no contacts).</summary>
    [Cmdlet(VerbsCommon.Get, "VaultCertificateContact")]
    [OutputType(typeof(VaultCertificateContact))]
    public sealed class GetVaultCertificateContactCommand : VaultFirstCmdlet
    {
        protected override void ProcessRecord()
        {
            Run(VaultName, () => WriteObject(new CertificateIssuerService(Connection).GetContacts(ResolveVault(), CancelToken), enumerateCollection: true));
        }
    }
}
