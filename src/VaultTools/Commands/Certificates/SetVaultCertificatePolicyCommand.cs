using System.Management.Automation;
using VaultTools.Certificates;
using VaultTools.Validation;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Replaces a certificate's policy with a policy object: one from New-VaultCertificatePolicy, or one
    /// read with Get-VaultCertificatePolicy and changed. The policy governs the next version (renewal);
    /// the current version is unchanged. Properties left empty are kept as they are in the vault.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "VaultCertificatePolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultCertificatePolicy))]
    public sealed class SetVaultCertificatePolicyCommand : VaultFirstCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        [Alias("CertificateName")]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true, Position = 2, ValueFromPipeline = true)]
        public VaultCertificatePolicy Policy { get; set; } = null!;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                EntryRules.CheckEntryName(Name, Errors.EntryKind.Certificate, "Name");
                CertificateRules.CheckPolicy(Policy);
                if (!ShouldProcess(CertificateService.EntryUrl(vault, Name, null) + "/policy", "Replace certificate policy"))
                {
                    return;
                }

                var updated = new CertificateService(Connection).SetPolicy(vault, Name, Policy, CancelToken);
                if (PassThru)
                {
                    WriteObject(updated);
                }
            });
        }
    }
}
