# Help for Remove-Vault: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Deletes a key vault.'
    Description = @'
Remove-Vault deletes a vault through Azure Resource Manager. In Azure a deleted vault is kept, with its secrets, keys and certificates, for its soft-delete retention period, and can be recovered in that time (or purged, unless purge protection is on); its name stays taken meanwhile.

It asks for confirmation (ConfirmImpact High); -Force skips the prompt. -WhatIf shows the vault's resource id without deleting it.
'@
    Parameters  = @{
        Name              = 'The vault''s name. Binds from the pipeline by property name (Get-Vault output).'
        ResourceGroupName = 'The vault''s resource group. Without it, the vault is looked up by name.'
        SubscriptionId    = 'The vault''s subscription, instead of the session''s.'
        Force             = 'Delete without asking for confirmation. -WhatIf and an explicit -Confirm still apply.'
    }
    Examples    = @(
        @{ Code = 'New-Vault -Name contoso-test-kv | Out-Null     # a vault to remove
Remove-Vault -Name contoso-test-kv -WhatIf'; Remarks = 'Shows which vault would be deleted.' }
        @{ Code = 'Get-Vault -Name ''contoso-test-*'' | Remove-Vault -Force'; Remarks = 'Deletes every vault whose name starts with contoso-test-, without prompting.' }
    )
    Links       = @('Get-Vault', 'New-Vault')
}
