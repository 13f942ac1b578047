using System;
using System.Collections;
using System.Management.Automation;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>Changes a key version's enabled state, dates, tags or permitted operations (the latest version by default).</summary>
    [Cmdlet(VerbsData.Update, "VaultKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByName)]
    [OutputType(typeof(VaultKey))]
    public sealed class UpdateVaultKeyCommand : KeyCmdlet
    {
        private const string ByName = "ByName";
        private const string ById = "ById";

        [Parameter(ParameterSetName = ByName, Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        [Alias("KeyName")]
        public string Name { get; set; } = "";

        [Parameter(ParameterSetName = ByName, Position = 2, ValueFromPipelineByPropertyName = true)]

        [Alias("KeyVersion")]
        public string? Version { get; set; }

        [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public Uri Id { get; set; } = null!;

        /// <summary>$true enables the version, $false disables it.</summary>
        [Parameter]
        public bool? Enable { get; set; }

        [Parameter]
        public DateTime? Expires { get; set; }

        [Parameter]
        public DateTime? NotBefore { get; set; }

        /// <summary>Replaces the tags (an empty hashtable removes them all).</summary>
        [Parameter]
        [Alias("Tags")]
        public Hashtable? Tag { get; set; }

        [Parameter]
        public string[]? KeyOps { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(ParameterSetName == ById ? (object)Id : Name, () =>
            {
                var (vault, name, version) = ParameterSetName == ById ? Keys.ParseId(Id, "Id") : (ResolveVault(), Name, Version);
                var update = new KeyUpdate
                {
                    Enabled = Enable,
                    Expires = ToOffset(Expires),
                    NotBefore = ToOffset(NotBefore),
                    Tags = ToTags(Tag),
                    KeyOps = KeyOps,
                };
                KeyRules.CheckKeyOperations(KeyOps, null, "KeyOps");
                if (!ShouldProcess(KeyService.EntryUrl(vault, name, version), "Update key properties"))
                {
                    return;
                }

                var result = Keys.Update(vault, name, version, update, CancelToken);
                WriteVerbose($"Key '{result.Name}' version {result.Version} updated.");
                if (PassThru)
                {
                    WriteObject(result);
                }
            });
        }
    }
}
