using System;
using System.Collections;
using System.Management.Automation;
using VaultTools.Secrets;

namespace VaultTools.Commands.Secrets
{
    /// <summary>
    /// Changes the properties of an existing version (enabled, expiry, not-before, content type, tags)
    /// without writing a new value. The latest version unless -Version is given.
    /// </summary>
    [Cmdlet(VerbsData.Update, "VaultSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultSecretProperties))]
    public sealed class UpdateVaultSecretCommand : VaultFirstCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        [Alias("SecretName")]
        public string Name { get; set; } = "";

        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]

        [Alias("SecretVersion")]
        public string? Version { get; set; }

        /// <summary>$true enables the version, $false disables it (a disabled version cannot be read).</summary>
        [Parameter]
        public bool? Enable { get; set; }

        [Parameter]
        public DateTime? Expires { get; set; }

        [Parameter]
        public DateTime? NotBefore { get; set; }

        [Parameter]
        public string? ContentType { get; set; }

        [Parameter]
        [Alias("Tags")]
        public Hashtable? Tag { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                var update = new SecretUpdate
                {
                    Name = Name,
                    Version = string.IsNullOrEmpty(Version) ? null : Version,
                    Enabled = Enable,
                    Expires = ToOffset(Expires),
                    NotBefore = ToOffset(NotBefore),
                    ContentType = ContentType,
                    Tags = ToTags(Tag),
                };
                SecretService.Validate(update);
                if (!ShouldProcess(SecretService.EntryUrl(vault, Name, update.Version), "Update secret properties"))
                {
                    return;
                }

                var result = new SecretService(Connection).Update(vault, update, CancelToken);
                WriteVerbose($"Secret '{result.Name}' version {result.Version} updated.");
                if (PassThru)
                {
                    WriteObject(result);
                }
            });
        }
    }
}
