using System;
using System.Collections;
using System.Management.Automation;
using System.Security;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Creates a key in the vault (RSA of a size, or EC on a curve; -Destination HSM for RSA-HSM/EC-HSM),
    /// or imports a key pair from a PFX/PEM file or a JSON web key. Each call makes a new version.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "VaultKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = Create)]
    [OutputType(typeof(VaultKey))]
    public sealed class AddVaultKeyCommand : KeyCmdlet
    {
        private const string Create = "Create";
        private const string ImportFile = "ImportFile";
        private const string ImportJwk = "ImportJwk";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        [Alias("KeyName")]
        public string Name { get; set; } = "";

        /// <summary>RSA (default) or EC.</summary>
        [Parameter(ParameterSetName = Create)]
        [ArgumentCompleter(typeof(KeyTypeCompleter))]
        public string KeyType { get; set; } = "RSA";

        /// <summary>RSA key size: 2048, 3072 or 4096.</summary>
        [Parameter(ParameterSetName = Create)]
        public int? Size { get; set; }

        /// <summary>EC curve: P-256, P-384, P-521 or P-256K.</summary>
        [Parameter(ParameterSetName = Create)]
        [ArgumentCompleter(typeof(Completers.CurveNameCompleter))]
        public string? CurveName { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ImportFile)]
        [Alias("Path")]
        public string KeyFilePath { get; set; } = "";

        [Parameter(ParameterSetName = ImportFile)]
        public SecureString? KeyFilePassword { get; set; }

        /// <summary>A JSON web key with its private part, as JSON text.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ImportJwk)]
        public string JsonWebKey { get; set; } = "";

        /// <summary>
        /// Software or HSM. The enum lives in VaultTools.Models, not Core: a parameter of a Core type would
        /// make PowerShell load Core while it scans the cmdlets, before the module's load context is set up.
        /// </summary>
        [Parameter]
        public KeyDestination Destination { get; set; } = KeyDestination.Software;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? KeyOps { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTime? Expires { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTime? NotBefore { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Tags")]
        public Hashtable? Tag { get; set; }

        /// <summary>Create the new version disabled.</summary>
        [Parameter]
        public SwitchParameter Disable { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, Add);
        }

        private void Add()
        {
            var destination = Destination;
            bool hsm = destination == KeyDestination.HSM;
            var vault = ResolveVault();
            string target = KeyService.EntryUrl(vault, Name, null);
            if (ParameterSetName == Create)
            {
                var create = new KeyCreate
                {
                    Name = Name,
                    KeyType = KeyType,
                    Size = Size,
                    CurveName = CurveName,
                    Destination = destination,
                    KeyOps = KeyOps,
                    Expires = ToOffset(Expires),
                    NotBefore = ToOffset(NotBefore),
                    Tags = ToTags(Tag),
                    Enabled = !Disable,
                };
                KeyService.Validate(create);
                string what = create.KeyType.ToUpperInvariant() + (hsm ? "-HSM" : "") + (Size is null ? "" : " " + Size) + (CurveName is null ? "" : " " + CurveName);
                if (ShouldProcess(target, $"Create key ({what})"))
                {
                    WriteObject(Keys.Create(vault, create, CancelToken));
                }

                return;
            }

            var import = new KeyImport
            {
                Name = Name,
                KeyFilePath = ParameterSetName == ImportFile ? GetUnresolvedProviderPathFromPSPath(KeyFilePath) : null,
                KeyFilePassword = KeyFilePassword,
                JsonWebKey = ParameterSetName == ImportJwk ? JsonWebKey : null,
                Destination = destination,
                KeyOps = KeyOps,
                Expires = ToOffset(Expires),
                NotBefore = ToOffset(NotBefore),
                Tags = ToTags(Tag),
                Enabled = !Disable,
            };
            var prepared = KeyService.Prepare(import); // the file is read and checked once, before asking
            if (ShouldProcess(target, "Import key" + (hsm ? " (HSM)" : "")))
            {
                WriteObject(Keys.Import(vault, prepared, CancelToken));
            }
        }
    }

    /// <summary>Offers RSA and EC.</summary>
    public sealed class KeyTypeCompleter : IArgumentCompleter
    {
        public System.Collections.Generic.IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            System.Management.Automation.Language.CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            foreach (string type in new[] { "RSA", "EC" })
            {
                if (type.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
                {
                    yield return new CompletionResult(type);
                }
            }
        }
    }
}
