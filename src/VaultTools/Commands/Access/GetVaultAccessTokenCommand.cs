using System;
using System.Management.Automation;
using VaultTools.Access;
using VaultTools.Internal;

namespace VaultTools.Commands.Access
{
    /// <summary>
    /// Gets an access token of the session's credential for Key Vault (default), ARM or any resource: the
    /// first step of the two-step flow other languages use (get a token, then call the entry's URL).
    /// SecureString by default; -AsPlainText returns the bare token string.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VaultAccessToken", DefaultParameterSetName = ByType)]
    [OutputType(typeof(VaultAccessToken), typeof(string))]
    public sealed class GetVaultAccessTokenCommand : SessionCmdlet
    {
        private const string ByType = "ByType";
        private const string ByUrl = "ByUrl";

        [Parameter(ParameterSetName = ByType, Position = 0)]
        [ValidateSet("KeyVault", "Arm")]
        [Alias("ResourceType")]
        public string ResourceTypeName { get; set; } = "KeyVault";

        [Parameter(ParameterSetName = ByUrl, Mandatory = true)]
        [Alias("Resource", "ResourceUri")]
        public string ResourceUrl { get; set; } = "";

        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void ProcessRecord()
        {
            Run(ParameterSetName == ByUrl ? ResourceUrl : ResourceTypeName, () =>
            {
                var kind = string.Equals(ResourceTypeName, "Arm", StringComparison.OrdinalIgnoreCase) ? AccessTokenResource.Arm : AccessTokenResource.KeyVault;
                var token = new AccessTokenService(Connection).Get(kind, ParameterSetName == ByUrl ? ResourceUrl : null, CancelToken);
                WriteVerbose($"Token for {token.Resource} (object id {token.ObjectId ?? "unknown"}), expires {token.ExpiresOn.LocalDateTime:yyyy-MM-dd HH:mm:ss}.");
                if (AsPlainText)
                {
                    WriteObject(SecureStrings.ToPlainText(token.Token));
                }
                else
                {
                    WriteObject(token);
                }
            });
        }
    }
}
