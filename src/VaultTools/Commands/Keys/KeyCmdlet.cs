using System;
using System.Management.Automation;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>Shared by the key cmdlets: one KeyService per call, created on first use.</summary>
    public abstract class KeyCmdlet : VaultFirstCmdlet
    {
        private KeyService? _service;

        /// <summary>The session's key service; the keys it reads for cryptographic operations are reused for the whole pipeline.</summary>
        protected KeyService Keys => _service ??= new KeyService(Connection);
    }

    /// <summary>
    /// Base of the cryptographic cmdlets: the key is named by -Name [-Version] (in -VaultName) or by its
    /// URL (-Id, which also binds from a KeyOperationResult's KeyId), and is read once per pipeline.
    /// </summary>
    public abstract class KeyCryptoCmdlet : KeyCmdlet
    {
        protected const string ByName = "ByName";
        protected const string ById = "ById";

        [Parameter(ParameterSetName = ByName, Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        [Alias("KeyName")]
        public string Name { get; set; } = "";

        /// <summary>The key version; the latest when not given.</summary>
        [Parameter(ParameterSetName = ByName, ValueFromPipelineByPropertyName = true)]
        public string? Version { get; set; }

        /// <summary>The key's URL (with or without version): binds from a key's Id and a result's KeyId.</summary>
        [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("KeyId")]
        public Uri Id { get; set; } = null!;

        /// <summary>The algorithm; when not given, the one chosen for the key's type.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AlgorithmCompleter))]
        public string? Algorithm { get; set; }

        /// <summary>The key to use, read once (its type, size and version decide the rest).</summary>
        protected VaultKey ResolveKey()
        {
            if (ParameterSetName == ById)
            {
                var (vault, name, version) = Keys.ParseId(Id, "Id");
                return Keys.ResolveOperationKey(vault, name, version, CancelToken);
            }

            return Keys.ResolveOperationKey(ResolveVault(), Name, Version, CancelToken);
        }

        /// <summary>What errors are reported about: the key's URL or name.</summary>
        protected object Target => ParameterSetName == ById ? (object)Id : Name;
    }

    /// <summary>Offers Key Vault's RSA encryption and signature algorithm names.</summary>
    public sealed class AlgorithmCompleter : IArgumentCompleter
    {
        public System.Collections.Generic.IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters)
        {
            var names = commandName.EndsWith("Signature", StringComparison.OrdinalIgnoreCase) ? KeyRules.SignatureAlgorithms : KeyRules.EncryptionAlgorithms;
            var pattern = new WildcardPattern((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            foreach (string name in names)
            {
                if (pattern.IsMatch(name))
                {
                    yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
                }
            }
        }
    }

    /// <summary>Lets a duration parameter take a TimeSpan (or a number of days) as well as an ISO 8601 string.</summary>
    public sealed class IsoDurationTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
            return value switch
            {
                TimeSpan span when span > TimeSpan.Zero => IsoDuration.FromTimeSpan(span),
                int days when days > 0 => "P" + days + "D",
                _ => inputData,
            };
        }
    }
}
