using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>Removes e-mail addresses from the vault's certificate contacts (the vault's contacts are deleted when none is left).</summary>
    [Cmdlet(VerbsCommon.Remove, "VaultCertificateContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(VaultCertificateContact))]
    public sealed class RemoveVaultCertificateContactCommand : CertificateContactCmdlet
    {
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Run(string.Join(", ", EmailAddress), () =>
            {
                var vault = ResolveVault();
                if (!this.ShouldProcessOrForce(Force, CertificateIssuerService.ContactsUrl(vault), $"Remove certificate contacts {CheckedAddresses()}"))
                {
                    return;
                }

                var (remaining, notFound) = new CertificateIssuerService(Connection).RemoveContacts(vault, EmailAddress, CancelToken);
                foreach (var email in notFound)
                {
                    WriteWarning($"'{email}' is not a certificate contact of the vault '{vault.Name}': nothing to remove.");
                }
                if (PassThru)
                {
                    WriteObject(remaining, enumerateCollection: true);
                }
            });
        }
    }
}
