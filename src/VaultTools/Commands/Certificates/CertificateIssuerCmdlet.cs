using System.Management.Automation;

namespace VaultTools.Commands.Certificates
{
    /// <summary>What Set- and Remove-VaultCertificateIssuer share: the issuer's -Name (Az.KeyVault's alias IssuerName) and -PassThru.</summary>
    public abstract class CertificateIssuerCmdlet : VaultFirstCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("IssuerName")]
        [ArgumentCompleter(typeof(Completers.CertificateIssuerNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>Return the issuer (as stored, or as it was before removal).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }
    }
}
