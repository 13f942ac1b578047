using System.Management.Automation;
using System.Security;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Registers a certificate issuer in the vault (a CA provider and the account the vault orders from), or
    /// replaces one: what is not given is cleared, as Key Vault's set does. The API key is write-only.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "VaultCertificateIssuer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultCertificateIssuer))]
    public sealed class SetVaultCertificateIssuerCommand : CertificateIssuerCmdlet
    {
        /// <summary>The CA provider: DigiCert, GlobalSign, OneCertV2-PublicCA, OneCertV2-PrivateCA, or another name your vault knows.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.IssuerProviderCompleter))]
        public string IssuerProvider { get; set; } = "";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AccountId { get; set; }

        /// <summary>The account's password or API key at the provider (never read back).</summary>
        [Parameter]
        public SecureString? ApiKey { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public VaultCertificateOrganizationDetails? OrganizationDetails { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                CertificateIssuerService.CheckIssuerName(Name, "Name");
                if (!ShouldProcess(CertificateIssuerService.IssuerUrl(vault, Name), $"Set certificate issuer (provider {IssuerProvider})"))
                {
                    return;
                }

                var issuer = new CertificateIssuerService(Connection).Set(vault, Name, IssuerProvider, AccountId, ApiKey, OrganizationDetails, CancelToken);
                if (PassThru)
                {
                    WriteObject(issuer);
                }
            });
        }
    }
}
