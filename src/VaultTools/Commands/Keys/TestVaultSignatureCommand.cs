using System.Management.Automation;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Asks the vault whether a signature over -Value (hashed here) or -Digest is valid for the key;
    /// returns $true or $false. New-VaultSignature's output pipes in (Result, KeyId and Algorithm bind).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "VaultSignature", DefaultParameterSetName = ByName)]
    [OutputType(typeof(bool))]
    public sealed class TestVaultSignatureCommand : KeyCryptoCmdlet
    {
        [Parameter]
        public byte[]? Value { get; set; }

        [Parameter]
        public byte[]? Digest { get; set; }

        /// <summary>The signature to check.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Result")]
        public byte[] Signature { get; set; } = null!;

        protected override void ProcessRecord()
            => Run(Target, () => WriteObject(Keys.Verify(ResolveKey(), Algorithm, Value, Digest, Signature, CancelToken)));
    }
}
