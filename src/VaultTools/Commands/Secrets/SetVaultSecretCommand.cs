using System;
using System.Collections;
using System.Management.Automation;
using System.Security;
using VaultTools.Internal;
using VaultTools.Secrets;

namespace VaultTools.Commands.Secrets
{
    /// <summary>
    /// Writes a new version of a secret. The value is a SecureString; -PlainTextValue is the explicit
    /// plain-text route. Every limit is checked before the request, so bad input changes nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "VaultSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = BySecureString)]
    [OutputType(typeof(VaultSecretProperties))]
    public sealed class SetVaultSecretCommand : VaultCmdlet
    {
        private const string BySecureString = "BySecureString";
        private const string ByPlainText = "ByPlainText";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = BySecureString, ValueFromPipelineByPropertyName = true)]
        public SecureString SecretValue { get; set; } = null!;

        /// <summary>The value as plain text: explicit, for values that are already in a string.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByPlainText, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string PlainTextValue { get; set; } = null!;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ContentType { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Tags")]
        public Hashtable? Tag { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTime? Expires { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTime? NotBefore { get; set; }

        /// <summary>Write the new version disabled (it cannot be read until enabled).</summary>
        [Parameter]
        public SwitchParameter Disable { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                var write = new SecretWrite
                {
                    Name = Name,
                    Value = ParameterSetName == ByPlainText ? SecureStrings.FromPlainText(PlainTextValue) : SecretValue,
                    ValueParameterName = ParameterSetName == ByPlainText ? nameof(PlainTextValue) : nameof(SecretValue),
                    ContentType = ContentType,
                    Tags = ToTags(Tag),
                    NotBefore = ToOffset(NotBefore),
                    Expires = ToOffset(Expires),
                    Enabled = !Disable,
                };
                SecretService.Validate(write);

                if (!ShouldProcess(SecretService.EntryUrl(vault, Name, null), "Set secret (new version)"))
                {
                    return;
                }

                var result = new SecretService(Connection).Set(vault, write, CancelToken);
                WriteVerbose($"Secret '{result.Name}' version {result.Version} written to {vault.Uri}.");
                if (PassThru)
                {
                    WriteObject(result);
                }
            });
        }
    }
}
