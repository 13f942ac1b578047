using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>What Add- and Remove-VaultCertificateContact share: -EmailAddress, checked before any request.</summary>
    public abstract class CertificateContactCmdlet : VaultFirstCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Email")]
        public string[] EmailAddress { get; set; } = System.Array.Empty<string>();

        /// <summary>Return the vault's contacts after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The addresses as one target text, each checked first (InvalidEmailAddress naming -EmailAddress).</summary>
        protected string CheckedAddresses()
        {
            foreach (var email in EmailAddress)
            {
                CertificateIssuerService.CheckEmailAddress(email, "EmailAddress");
            }
            return string.Join(", ", EmailAddress);
        }
    }
}
