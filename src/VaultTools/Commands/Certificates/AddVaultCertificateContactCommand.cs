using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>Adds e-mail addresses to the vault's certificate contacts (the others are kept).</summary>
    [Cmdlet(VerbsCommon.Add, "VaultCertificateContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultCertificateContact))]
    public sealed class AddVaultCertificateContactCommand : CertificateContactCmdlet
    {
        protected override void ProcessRecord()
        {
            Run(string.Join(", ", EmailAddress), () =>
            {
                var vault = ResolveVault();
                if (!ShouldProcess(CertificateIssuerService.ContactsUrl(vault), $"Add certificate contacts {CheckedAddresses()}"))
                {
                    return;
                }

                var contacts = new CertificateIssuerService(Connection).AddContacts(vault, EmailAddress, CancelToken);
                if (PassThru)
                {
                    WriteObject(contacts, enumerateCollection: true);
                }
            });
        }
    }
}
