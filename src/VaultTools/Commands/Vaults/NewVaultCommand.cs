using System.Collections;
using System.Management.Automation;
using VaultTools.Access;

namespace VaultTools.Commands.Vaults
{
    /// <summary>
    /// Creates a key vault through ARM: Standard or Premium, Azure RBAC (default) or access policies, soft-delete
    /// retention and purge protection. Refuses a name that already exists instead of overwriting it. Its creator gets
    /// access as with Azure PowerShell: an access policy with every permission, or on an RBAC vault Key Vault
    /// Administrator with -GrantCreatorAccess (otherwise a warning names the role to grant).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "Vault", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Vault))]
    public sealed class NewVaultCommand : ArmCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("VaultName")]
        public string Name { get; set; } = "";

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? ResourceGroupName { get; set; }

        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        public string? Location { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("Standard", "Premium")]
        public string Sku { get; set; } = "Standard";

        /// <summary>True (default): Azure RBAC governs data access. False: access policies do.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public bool EnableRbacAuthorization { get; set; } = true;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public int SoftDeleteRetentionInDays { get; set; } = VaultService.MaxRetentionDays;

        [Parameter]
        public SwitchParameter EnablePurgeProtection { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Tags")]
        public Hashtable? Tag { get; set; }

        /// <summary>On an RBAC vault, assign the creator Key Vault Administrator at the new vault.</summary>
        [Parameter]
        public SwitchParameter GrantCreatorAccess { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var options = new VaultCreateOptions
                {
                    Name = Name,
                    ResourceGroupName = ResourceGroupName,
                    SubscriptionId = SubscriptionId,
                    Location = Location,
                    Sku = Sku,
                    EnableRbacAuthorization = EnableRbacAuthorization,
                    SoftDeleteRetentionInDays = SoftDeleteRetentionInDays,
                    EnablePurgeProtection = EnablePurgeProtection,
                    Tags = ToTags(Tag),
                    GrantCreatorAccess = GrantCreatorAccess,
                };
                VaultService.Validate(options);
                var service = new VaultService(Connection);
                string model = EnableRbacAuthorization ? "Azure RBAC" : "access policies";
                if (!ShouldProcess(service.PlannedResourceId(options), $"Create vault ({Sku}, {model}, soft-delete {SoftDeleteRetentionInDays} days{(EnablePurgeProtection ? ", purge protection" : "")})"))
                {
                    return;
                }

                var creation = service.CreateWithCreatorAccess(options, CancelToken);
                var vault = creation.Vault;
                if (creation.Advice != null)
                {
                    WriteWarning(creation.Advice);
                }
                Completers.NameCache.ForgetAll(); // tab completion of -VaultName offers the new vault
                WriteVerbose($"Created {vault.ResourceId} at {vault.VaultUri}{(creation.Advice is null && creation.CreatorObjectId != null ? $"; its creator {creation.CreatorObjectId} has access to its data" : "")}.");
                WriteObject(vault);
            });
        }
    }
}
