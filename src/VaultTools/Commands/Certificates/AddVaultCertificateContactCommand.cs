using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>Adds e-mail addresses to the vault's certificate contacts (the others are kept).</summary>
    [Cmdlet(VerbsCommon.Add, "VaultCertificateContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultCertificateContact))]
    public sealed class AddVaultCertificateContactCommand : VaultCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Email")]
        public string[] EmailAddress { get; set; } = System.Array.Empty<string>();

        /// <summary>Return the vault's contacts after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(string.Join(", ", EmailAddress), () =>
            {
                var vault = ResolveVault();
                foreach (var email in EmailAddress)
                {
                    CertificateIssuerService.CheckEmailAddress(email, "EmailAddress");
                }
                if (!ShouldProcess(CertificateIssuerService.ContactsUrl(vault), $"Add certificate contacts {string.Join(", ", EmailAddress)}"))
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
