# Help for Get-VaultRoleDefinition: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Shows role definitions: the Key Vault roles, their ids and data actions.'
    Description = @'
Get-VaultRoleDefinition reads role definitions from Azure Resource Manager (Microsoft.Authorization/roleDefinitions) in the session's subscription. Without arguments it lists the roles whose name starts with "Key Vault"; -Name takes an exact name or a wildcard, -Id a role definition id.

The data actions say what a role allows on a vault's data, for example Key Vault Secrets User: secrets/getSecret/action and secrets/readMetadata/action.
'@
    Parameters  = @{
        Name           = 'The role''s name, or a wildcard. Default: ''Key Vault *''.'
        Id             = 'A role definition id: a GUID or /subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>.'
        SubscriptionId = 'The subscription to read role definitions in, instead of the session''s.'
    }
    Examples    = @(
        @{ Code = 'Get-VaultRoleDefinition'; Remarks = 'Lists the Key Vault roles with their ids and data actions.' }
        @{ Code = '(Get-VaultRoleDefinition -Name ''Key Vault Crypto User'').DataActions'; Remarks = 'Shows exactly what Key Vault Crypto User may do with keys.' }
        @{ Code = 'Get-VaultRoleDefinition -Id 4633458b-17de-408a-b874-0445c86b69e6'; Remarks = 'Reads a role by id (here Key Vault Secrets User).' }
    )
    Links       = @('Grant-VaultRole', 'Get-VaultRoleAssignment')
}
