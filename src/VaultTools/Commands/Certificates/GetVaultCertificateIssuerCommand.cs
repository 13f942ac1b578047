using System.Linq;
using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>Reads a certificate issuer of the vault, or lists them (all, or those matching a wildcard).</summary>
    [Cmdlet(VerbsCommon.Get, "VaultCertificateIssuer")]
    [OutputType(typeof(VaultCertificateIssuer))]
    public sealed class GetVaultCertificateIssuerCommand : VaultFirstCmdlet
    {
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("IssuerName")]
        [ArgumentCompleter(typeof(Completers.CertificateIssuerNameCompleter))]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                var service = new CertificateIssuerService(Connection);
                if (!string.IsNullOrEmpty(Name) && !WildcardPattern.ContainsWildcardCharacters(Name))
                {
                    WriteObject(service.Get(vault, Name!, CancelToken));
                    return;
                }

                var pattern = string.IsNullOrEmpty(Name) ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                foreach (var issuer in service.List(vault, pattern is null ? null : pattern.IsMatch, CancelToken).OrderBy(i => i.Name, System.StringComparer.OrdinalIgnoreCase))
                {
                    WriteObject(issuer);
                }
            });
        }
    }
}
