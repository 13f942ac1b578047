using System.Management.Automation;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Decrypts (or, with -Unwrap, unwraps) a value with an RSA key in the vault. The output of
    /// Protect-VaultData pipes straight in: its Result, KeyId and Algorithm bind by property name.
    /// </summary>
    [Cmdlet(VerbsSecurity.Unprotect, "VaultData", DefaultParameterSetName = ByName)]
    [OutputType(typeof(KeyOperationResult))]
    public sealed class UnprotectVaultDataCommand : KeyCryptoCmdlet
    {
        /// <summary>The ciphertext or wrapped key.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Result")]
        public byte[] Value { get; set; } = null!;

        /// <summary>Use the vault's unwrapKey operation instead of decrypt.</summary>
        [Parameter]
        public SwitchParameter Unwrap { get; set; }

        protected override void ProcessRecord()
            => Run(Target, () => WriteObject(Keys.Decrypt(ResolveKey(), Algorithm, Value, Unwrap, CancelToken)));
    }
}
