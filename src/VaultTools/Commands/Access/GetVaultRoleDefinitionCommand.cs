using System.Linq;
using System.Management.Automation;
using VaultTools.Access;
using VaultTools.Errors;

namespace VaultTools.Commands.Access
{
    /// <summary>Shows role definitions (their ids and data actions): the Key Vault roles by default, any role by name, wildcard or id.</summary>
    [Cmdlet(VerbsCommon.Get, "VaultRoleDefinition", DefaultParameterSetName = ByName)]
    [OutputType(typeof(RoleDefinition))]
    public sealed class GetVaultRoleDefinitionCommand : ArmCmdlet
    {
        private const string ByName = "ByName";
        private const string ById = "ById";

        [Parameter(ParameterSetName = ByName, Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.RoleNameCompleter))]
        [Alias("RoleName")]
        public string Name { get; set; } = "Key Vault *";

        [Parameter(ParameterSetName = ById, Mandatory = true)]
        [Alias("RoleDefinitionId")]
        public string Id { get; set; } = "";

        protected override void ProcessRecord()
        {
            Run(ParameterSetName == ById ? Id : Name, () =>
            {
                var roles = new RoleService(Connection);
                string subscription = Connection.RequireSubscription(SubscriptionId);
                if (ParameterSetName == ById)
                {
                    WriteObject(roles.GetDefinition(Id, subscription, CancelToken));
                    return;
                }

                if (!WildcardPattern.ContainsWildcardCharacters(Name))
                {
                    var exact = roles.ListDefinitions(subscription, Name, CancelToken).Where(d => string.Equals(d.RoleName, Name, System.StringComparison.OrdinalIgnoreCase)).ToList();
                    if (exact.Count == 0)
                    {
                        throw new VaultException(VaultErrorKind.NotFound, "VaultRoleDefinitionNotFound", $"There is no role named '{Name}' in subscription {subscription}.", null, Name);
                    }

                    WriteObject(exact, enumerateCollection: true);
                    return;
                }

                var pattern = new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                WriteObject(roles.ListDefinitions(subscription, null, CancelToken).Where(d => pattern.IsMatch(d.RoleName)).OrderBy(d => d.RoleName), enumerateCollection: true);
            });
        }
    }
}
