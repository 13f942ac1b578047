using System.Management.Automation;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Replaces a key's rotation policy. Durations are ISO 8601 (P90D, P18M, P2Y) or TimeSpans, and are
    /// checked as the service checks them before anything is sent (see KeyRules.CheckRotationPolicy).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "VaultKeyRotationPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KeyRotationPolicy))]
    public sealed class SetVaultKeyRotationPolicyCommand : KeyCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("KeyName")]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>How long versions made by rotation live (at least 28 days).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [IsoDurationTransformation]
        public string? ExpiresIn { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [IsoDurationTransformation]
        public string? RotateAfterCreate { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [IsoDurationTransformation]
        public string? RotateBeforeExpiry { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [IsoDurationTransformation]
        public string? NotifyBeforeExpiry { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                var write = new RotationPolicyWrite
                {
                    ExpiresIn = ExpiresIn,
                    RotateAfterCreate = RotateAfterCreate,
                    RotateBeforeExpiry = RotateBeforeExpiry,
                    NotifyBeforeExpiry = NotifyBeforeExpiry,
                };
                Validation.EntryRules.CheckEntryName(Name, Errors.EntryKind.Key, "Name");
                KeyRules.CheckRotationPolicy(write);
                if (!ShouldProcess(KeyService.EntryUrl(vault, Name, null) + "/rotationpolicy", "Replace key rotation policy"))
                {
                    return;
                }

                var policy = Keys.SetRotationPolicy(vault, Name, write, CancelToken);
                if (PassThru)
                {
                    WriteObject(policy);
                }
            });
        }
    }
}
