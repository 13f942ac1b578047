using Xunit;

namespace VaultTools.Emulator.Tests.Infrastructure;

/// <summary>
/// The emulator of the access-control tests (ARM and authorization): service principals that start with
/// no role (each test grants what it needs, on vaults it creates), and an access-policy vault whose
/// policies exercise object ids, "all" and compound identities (applicationId).
/// </summary>
public sealed class AccessFixture : EmulatorFixture
{
    public const string DeltaClientId = "d0000000-0000-4000-8000-00000000000d";
    public const string ForeignApplicationId = "f0000000-0000-4000-8000-00000000000f";

    public const string AccessConfigJson = """
        {
          "identities": [
            { "name": "alpha", "type": "ServicePrincipal" },
            { "name": "beta", "type": "ServicePrincipal" },
            { "name": "gamma", "type": "ServicePrincipal" },
            { "name": "delta", "type": "ServicePrincipal", "clientId": "d0000000-0000-4000-8000-00000000000d" },
            { "name": "kvadmin", "type": "ServicePrincipal" },
            { "name": "bob", "type": "User" }
          ],
          "vaults": [
            { "name": "policyvault", "enableRbacAuthorization": false,
              "accessPolicies": [
                { "identity": "beta", "permissions": { "secrets": ["get"] } },
                { "identity": "gamma", "applicationId": "f0000000-0000-4000-8000-00000000000f", "permissions": { "secrets": ["all"] } },
                { "identity": "delta", "applicationId": "d0000000-0000-4000-8000-00000000000d", "permissions": { "secrets": ["All"] } }
              ] }
          ],
          "roleAssignments": [
            { "principal": "kvadmin", "roleDefinitionName": "Key Vault Administrator", "scope": "/" }
          ]
        }
        """;

    protected override string Config => AccessConfigJson;
}

[CollectionDefinition(Name)]
public sealed class AccessCollection : ICollectionFixture<AccessFixture>
{
    public const string Name = "Access";
}
