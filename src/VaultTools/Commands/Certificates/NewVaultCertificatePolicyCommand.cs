using System.Management.Automation;
using VaultTools.Validation;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Makes a certificate policy object locally (no request): for Add-VaultCertificate -Policy, or to
    /// replace a certificate's policy with Set-VaultCertificatePolicy. Checked at once, so a bad policy
    /// fails here, naming the parameter.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "VaultCertificatePolicy", SupportsShouldProcess = false)]
    [OutputType(typeof(VaultCertificatePolicy))]
    public sealed class NewVaultCertificatePolicyCommand : PSCmdlet
    {
        [Parameter(Position = 0)]
        public string? SubjectName { get; set; }

        [Parameter]
        public string[]? DnsName { get; set; }

        [Parameter]
        public int? ValidityInMonths { get; set; }

        [Parameter]
        [ValidateSet("RSA", "RSA-HSM", "EC", "EC-HSM", IgnoreCase = true)]
        public string? KeyType { get; set; }

        [Parameter]
        public int? KeySize { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(Completers.CurveNameCompleter))]
        public string? CurveName { get; set; }

        [Parameter]
        [ValidateSet("Pkcs12", "Pem", IgnoreCase = true)]
        public string? ContentType { get; set; }

        [Parameter]
        public SwitchParameter ReuseKey { get; set; }

        [Parameter]
        public SwitchParameter Exportable { get; set; }

        [Parameter]
        public int? RenewAtPercentageLifetime { get; set; }

        [Parameter]
        public int? RenewAtDaysBeforeExpiry { get; set; }

        [Parameter]
        public int? EmailAtPercentageLifetime { get; set; }

        [Parameter]
        public int? EmailAtDaysBeforeExpiry { get; set; }

        [Parameter]
        public string[]? KeyUsage { get; set; }

        [Parameter]
        public string[]? EnhancedKeyUsage { get; set; }

        /// <summary>"Self" (the default) or the name of an issuer registered in the vault (Set-VaultCertificateIssuer).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.CertificateIssuerNameCompleter))]
        public string? IssuerName { get; set; }

        protected override void ProcessRecord()
        {
            var policy = PolicyParameters.Build(this, SubjectName, DnsName, ValidityInMonths, KeyType, KeySize, CurveName, ContentType, ReuseKey, Exportable,
                RenewAtPercentageLifetime, RenewAtDaysBeforeExpiry, EmailAtPercentageLifetime, EmailAtDaysBeforeExpiry, KeyUsage, EnhancedKeyUsage, IssuerName);
            try
            {
                WriteObject(CertificateRules.CheckPolicy(policy));
            }
            catch (Errors.VaultException ex)
            {
                ThrowTerminatingError(VaultCmdlet.ToErrorRecord(ex, null));
            }
        }
    }
}
