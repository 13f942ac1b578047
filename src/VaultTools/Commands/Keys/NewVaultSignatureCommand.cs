using System.Management.Automation;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Signs with a key in the vault: -Value is data, hashed here with the SHA-2 of the algorithm
    /// (RS256/PS256/ES256: SHA-256, ...384: SHA-384, ...512: SHA-512), or -Digest is a hash computed
    /// elsewhere. Only the digest is sent. RS256 for RSA keys and the curve's ES algorithm for EC keys
    /// unless -Algorithm says otherwise.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "VaultSignature", DefaultParameterSetName = ByName)]
    [OutputType(typeof(KeyOperationResult))]
    public sealed class NewVaultSignatureCommand : KeyCryptoCmdlet
    {
        /// <summary>The data to sign (hashed locally).</summary>
        [Parameter(ValueFromPipeline = true)]
        public byte[]? Value { get; set; }

        /// <summary>A digest computed elsewhere, exactly as long as the algorithm's hash.</summary>
        [Parameter]
        public byte[]? Digest { get; set; }

        protected override void ProcessRecord()
            => Run(Target, () => WriteObject(Keys.Sign(ResolveKey(), Algorithm, Value, Digest, CancelToken)));
    }
}
