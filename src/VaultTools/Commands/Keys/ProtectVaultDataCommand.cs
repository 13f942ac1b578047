using System.Management.Automation;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Encrypts a small value (or, with -Wrap, wraps a symmetric key) with an RSA key in the vault; the
    /// private key never leaves the vault. RSA-OAEP-256 unless -Algorithm says otherwise.
    /// </summary>
    [Cmdlet(VerbsSecurity.Protect, "VaultData", DefaultParameterSetName = ByName)]
    [OutputType(typeof(KeyOperationResult))]
    public sealed class ProtectVaultDataCommand : KeyCryptoCmdlet
    {
        /// <summary>The bytes to encrypt or wrap (at most one RSA block).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public byte[] Value { get; set; } = null!;

        /// <summary>Use the vault's wrapKey operation (for a symmetric key) instead of encrypt.</summary>
        [Parameter]
        public SwitchParameter Wrap { get; set; }

        protected override void ProcessRecord()
            => Run(Target, () => WriteObject(Keys.Encrypt(ResolveKey(), Algorithm, Value, Wrap, CancelToken)));
    }
}
