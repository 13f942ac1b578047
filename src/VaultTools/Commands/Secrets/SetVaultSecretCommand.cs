using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using VaultTools.Internal;
using VaultTools.Secrets;

namespace VaultTools.Commands.Secrets
{
    /// <summary>
    /// Writes a new version of a secret. The value is a SecureString; -PlainTextValue is the explicit
    /// plain-text route. Every limit is checked before the request, so bad input changes nothing.
    /// Many rows from the pipeline (a CSV, a list of hashtables) are written together, -ThrottleLimit at a time;
    /// each row that fails is its own error, and a warning at the end names what was not written.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "VaultSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = BySecureString)]
    [OutputType(typeof(VaultSecretProperties))]
    public sealed class SetVaultSecretCommand : VaultFirstCmdlet
    {
        private const string BySecureString = "BySecureString";
        private const string ByPlainText = "ByPlainText";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        [Alias("SecretName")]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true, Position = 2, ParameterSetName = BySecureString, ValueFromPipelineByPropertyName = true)]
        public SecureString SecretValue { get; set; } = null!;

        /// <summary>The value as plain text: explicit, for values that are already in a string.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByPlainText, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [PlainTextOnly]
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

        /// <summary>How many writes are in flight at once when many rows come from the pipeline.</summary>
        [Parameter]
        [ValidateRange(1, Bulk.BulkRunner.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = Bulk.BulkRunner.DefaultThrottleLimit;

        /// <summary>Rows checked and confirmed, written together by Flush (a chunk this big is written before more is taken).</summary>
        private const int ChunkSize = 256;

        private readonly List<(VaultTools.Connection.VaultAddress Vault, SecretWrite Write)> _pending = new List<(VaultTools.Connection.VaultAddress, SecretWrite)>();
        private readonly List<string> _notWritten = new List<string>();
        private int _rows;
        private int _written;

        protected override void ProcessRecord()
        {
            _rows++;
            bool queued = false, declined = false;
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
                    declined = true;
                    return;
                }

                _pending.Add((vault, write));
                queued = true;
            });

            if (!queued && !declined)
            {
                _notWritten.Add(Name);
            }

            if (_pending.Count >= ChunkSize)
            {
                Flush();
            }
        }

        protected override void EndProcessing()
        {
            Flush();
            if (_notWritten.Count > 0 && _rows > 1)
            {
                // A batch that fails halfway says exactly what was and was not done (each failure also has its own error).
                WriteWarning($"{_written} of {_rows} secrets written; not written: {string.Join(", ", _notWritten)}.");
            }
        }

        /// <summary>Writes the rows waiting, -ThrottleLimit at a time; output, verbose lines and errors follow the rows' order.</summary>
        private void Flush()
        {
            if (_pending.Count == 0)
            {
                return;
            }

            var service = new SecretService(Connection);
            BulkOutput.Drain(this, "Writing secrets", _pending, (item, token) => service.Set(item.Vault, item.Write, token), ThrottleLimit,
                item => item.Write.Name,
                (item, result) =>
                {
                    _written++;
                    WriteVerbose($"Secret '{result.Name}' version {result.Version} written to {item.Vault.Uri}.");
                    if (PassThru)
                    {
                        WriteObject(result);
                    }
                },
                item => _notWritten.Add(item.Write.Name),
                CancelToken);
        }
    }
}
