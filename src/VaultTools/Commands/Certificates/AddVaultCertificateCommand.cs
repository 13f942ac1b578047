using System.Collections;
using System.Management.Automation;
using VaultTools.Certificates;
using VaultTools.Validation;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Creates a certificate from a policy (issuer Self: self-signed; or a registered issuer), from parameters or from a
    /// -Policy object. Key Vault answers 202 with a pending operation; the cmdlet waits for it (bounded,
    /// with a progress bar) and returns the certificate, or with -NoWait returns the operation's status.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "VaultCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByParameters)]
    [OutputType(typeof(VaultCertificate), typeof(CertificateOperationStatus))]
    public sealed class AddVaultCertificateCommand : VaultFirstCmdlet
    {
        private const string ByParameters = "ByParameters";
        private const string ByPolicy = "ByPolicy";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        [Alias("CertificateName")]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = ByPolicy, ValueFromPipeline = true)]
        public VaultCertificatePolicy Policy { get; set; } = null!;

        [Parameter(ParameterSetName = ByParameters, Position = 2)]
        public string? SubjectName { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        public string[]? DnsName { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        public int? ValidityInMonths { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        [ValidateSet("RSA", "RSA-HSM", "EC", "EC-HSM", IgnoreCase = true)]
        public string? KeyType { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        public int? KeySize { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        [ArgumentCompleter(typeof(Completers.CurveNameCompleter))]
        public string? CurveName { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        [ValidateSet("Pkcs12", "Pem", IgnoreCase = true)]
        public string? ContentType { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        public SwitchParameter ReuseKey { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        public SwitchParameter Exportable { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        public int? RenewAtPercentageLifetime { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        public int? RenewAtDaysBeforeExpiry { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        public int? EmailAtPercentageLifetime { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        public int? EmailAtDaysBeforeExpiry { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        public string[]? KeyUsage { get; set; }

        [Parameter(ParameterSetName = ByParameters)]
        public string[]? EnhancedKeyUsage { get; set; }

        /// <summary>"Self" (the default) or the name of an issuer registered in the vault (Set-VaultCertificateIssuer).</summary>
        [Parameter(ParameterSetName = ByParameters)]
        [ArgumentCompleter(typeof(Completers.CertificateIssuerNameCompleter))]
        public string? IssuerName { get; set; }

        [Parameter]
        [Alias("Tags")]
        public Hashtable? Tag { get; set; }

        /// <summary>Create the certificate disabled.</summary>
        [Parameter]
        public SwitchParameter Disable { get; set; }

        /// <summary>Return the pending operation's status at once instead of waiting for the certificate.</summary>
        [Parameter]
        public SwitchParameter NoWait { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                var policy = ParameterSetName == ByPolicy
                    ? Policy
                    : PolicyParameters.Build(this, SubjectName, DnsName, ValidityInMonths, KeyType, KeySize, CurveName, ContentType, ReuseKey, Exportable,
                        RenewAtPercentageLifetime, RenewAtDaysBeforeExpiry, EmailAtPercentageLifetime, EmailAtDaysBeforeExpiry, KeyUsage, EnhancedKeyUsage, IssuerName);
                EntryRules.CheckEntryName(Name, Errors.EntryKind.Certificate, "Name");
                CertificateRules.CheckPolicy(policy);
                var tags = ToTags(Tag);
                EntryRules.CheckTags(tags, "Tag");
                if (!ShouldProcess(CertificateService.EntryUrl(vault, Name, null), $"Create certificate ({policy.SubjectName ?? string.Join(", ", policy.DnsNames)}, issuer {policy.IssuerName ?? "Self"})"))
                {
                    return;
                }

                var service = new CertificateService(Connection);
                var creation = service.StartCreate(vault, Name, policy, tags, !Disable, CancelToken);
                WriteVerbose($"Certificate '{Name}' requested from {vault.Uri}: {creation.Status.Status}.");
                if (NoWait)
                {
                    WriteObject(creation.Status);
                    return;
                }

                var progress = new ProgressWriter(this, 1, $"Add-VaultCertificate {Name}");
                try
                {
                    var certificate = service.WaitForCreation(vault, creation, progress.Report, CancelToken);
                    if (certificate is null)
                    {
                        WriteWarning($"Certificate '{Name}' is still {creation.Status.Status} after {service.CreationPolling.Timeout.TotalMinutes:0} minutes; the vault goes on with it. Check it with Get-VaultCertificateOperation -Name {Name}.");
                        WriteObject(creation.Status);
                        return;
                    }

                    WriteObject(certificate);
                }
                finally
                {
                    progress.Complete();
                }
            });
        }
    }
}
