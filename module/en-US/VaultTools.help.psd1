# The words of VaultTools' help. tools/Build-Help.ps1 turns this into MAML (en-US/VaultTools.dll-Help.xml)
# in the staged module, taking parameter sets, types, positions and pipeline input from the cmdlets
# themselves. Every exported cmdlet needs: Synopsis, Description, text for each parameter (here or in
# CommonParameters) and at least two Examples. The build fails otherwise.
@{
    CommonParameters = @{
        VaultName = 'The name of the vault to use for this call instead of the session''s default vault (for example contoso-kv, which means https://contoso-kv.vault.azure.net/ in Azure, or https://contoso-kv.localhost:<port>/ in the emulator). Binds from the pipeline by property name, so objects from other VaultTools cmdlets carry their vault with them.'
        VaultUri  = 'The vault''s URI, for any cloud or the emulator, for example https://contoso-kv.vault.azure.net/. Takes precedence over -VaultName. Binds from the pipeline by property name.'
    }

    'Connect-Vault' = @{
        Synopsis    = 'Signs in to Azure Key Vault (or the local emulator) for the session.'
        Description = @'
Connect-Vault chooses how VaultTools gets its tokens and, optionally, which vault is the session's default. The credential and its token cache are kept for the whole session (process), so a script that calls hundreds of cmdlets makes one token request.

Credential kinds:
- Default (no credential parameters): DefaultAzureCredential without interactive browser login (environment variables, workload identity, managed identity, Azure CLI, Azure PowerShell, Visual Studio).
- -Identity [-ClientId]: a managed identity, system-assigned or user-assigned. This is the recommended way on Azure VMs, App Service, Functions and Azure Automation (which set IDENTITY_ENDPOINT and IDENTITY_HEADER).
- -TenantId -ClientId with -ClientSecret, -Certificate or -CertificatePath: a service principal.
- -AccessToken: a token for the vault resource obtained elsewhere.

With -Emulator (or the object from Start-VaultEmulator on the pipeline, or the VAULTTOOLS_EMULATOR environment variable naming an emulator.json) the same credentials are pointed at the local VaultTools emulator: its token endpoints, its managed identity endpoints, TLS trust pinned to the emulator's own CA certificate only. Without other credential parameters, emulator mode signs in as the emulator's built-in administrator.

Connect-Vault does not call the vault; the first cmdlet that does will report a credential problem as the error VaultAuthenticationFailed or VaultCredentialUnavailable.
'@
        Parameters  = @{
            VaultName           = 'The session''s default vault, used by every cmdlet that is not given -VaultName or -VaultUri.'
            VaultUri            = 'The session''s default vault as a URI, for clouds or endpoints that -VaultName cannot express.'
            Identity            = 'Sign in with a managed identity: the system-assigned identity, or the user-assigned identity given by -ClientId.'
            ClientId            = 'With -Identity: the client id of a user-assigned managed identity. With -ClientSecret or a certificate: the application (client) id of the service principal. Alone: the managed identity client id that DefaultAzureCredential should use.'
            TenantId            = 'The Entra ID tenant of the service principal. In emulator mode it defaults to the emulator''s tenant.'
            ClientSecret        = 'The service principal''s client secret, as a SecureString.'
            Certificate         = 'The service principal''s certificate, with its private key (for example from Get-Item Cert:\CurrentUser\My\<thumbprint>).'
            CertificatePath     = 'A PFX file with the service principal''s certificate and private key.'
            CertificatePassword = 'The password of the PFX file given to -CertificatePath, as a SecureString.'
            AccessToken         = 'A bearer token for the vault resource (audience https://vault.azure.net), as a SecureString. Get-VaultAccessToken or az account get-access-token --resource https://vault.azure.net produce one.'
            Environment         = 'The Azure cloud: AzureCloud (default), AzureChinaCloud or AzureUSGovernment. It sets the vault DNS suffix and the sign-in authority.'
            Emulator            = 'Connect to the local VaultTools emulator instead of Azure. Without -EmulatorInfo, the emulator named by $env:VAULTTOOLS_EMULATOR, else the last one started in this session, else the one in the default data folder.'
            EmulatorInfo        = 'The emulator to connect to: the object from Start-VaultEmulator (from the pipeline), or the path of an emulator.json or of the emulator''s data folder.'
            SubscriptionId      = 'The Azure subscription in which vaults, role assignments and access policies are managed (the ARM cmdlets: Get-Vault, Grant-VaultRole, Set-VaultAccessPolicy...). In emulator mode it defaults to the emulator''s subscription.'
            ResourceGroupName   = 'The resource group of the session''s vaults, for the ARM cmdlets. Without it a vault is looked up by name in the subscription. In emulator mode it defaults to the emulator''s resource group.'
        }
        Examples    = @(
            @{ Title = 'A managed identity in Azure Automation or on a VM'; Code = 'Connect-Vault -Identity -VaultName contoso-kv'; Remarks = 'Signs in with the system-assigned managed identity and makes contoso-kv the default vault. Add -ClientId for a user-assigned identity.' }
            @{ Title = 'A service principal with a secret'; Code = '$secret = Read-Host -AsSecureString -Prompt ''Client secret''
Connect-Vault -TenantId $tenantId -ClientId $appId -ClientSecret $secret -VaultName contoso-kv'; Remarks = 'The secret is read as a SecureString and never echoed.' }
            @{ Title = 'The local emulator'; Code = 'Start-VaultEmulator | Connect-Vault -Emulator
Set-VaultSecret -Name demo -PlainTextValue ''hello''
Get-VaultSecret -Name demo -AsPlainText'; Remarks = 'Starts the emulator, connects as its administrator and uses its default vault, local.' }
        )
        Links       = @('Disconnect-Vault', 'Get-VaultConnection', 'Start-VaultEmulator', 'about_VaultTools')
    }

    'Disconnect-Vault' = @{
        Synopsis    = 'Forgets the session''s connection and its cached tokens.'
        Description = 'Disconnect-Vault removes the credential that Connect-Vault set for this session. Cmdlets called afterwards fail with VaultNotConnected until Connect-Vault is run again.'
        Parameters  = @{}
        Examples    = @(
            @{ Code = 'Disconnect-Vault'; Remarks = 'Ends the session''s connection.' }
            @{ Code = 'Connect-Vault -Identity -VaultName contoso-kv
try { Get-VaultSecret -Name api-key -AsPlainText } finally { Disconnect-Vault }'; Remarks = 'Keeps the credential only for as long as a script needs it.' }
        )
        Links       = @('Connect-Vault')
    }

    'Get-VaultConnection' = @{
        Synopsis    = 'Shows the session''s connection.'
        Description = 'Get-VaultConnection returns the credential kind, client and tenant ids, default vault and cloud (or emulator) of the connection made by Connect-Vault. It returns nothing when not connected. It never shows a secret or a token.'
        Parameters  = @{}
        Examples    = @(
            @{ Code = 'Get-VaultConnection'; Remarks = 'Shows how the session is signed in.' }
            @{ Code = 'if (-not (Get-VaultConnection)) { Connect-Vault -Identity }'; Remarks = 'Connects only when the session is not connected yet.' }
        )
        Links       = @('Connect-Vault')
    }

    'Start-VaultEmulator' = @{
        Synopsis    = 'Starts the local Key Vault emulator.'
        Description = @'
Start-VaultEmulator runs the VaultTools emulator (an independent implementation of Key Vault's REST API, Entra ID's token endpoints, the managed identity endpoints and an ARM subset) as a child process on 127.0.0.1, waits until it answers and returns its endpoints, CA certificate path, built-in identities and process id. Pipe the result into Connect-Vault.

The emulator serves HTTPS with its own root CA, created once in its data folder; vaults are addressed as https://<vault>.localhost:<port>/ and https://localhost:<port>/ reaches the default vault, local. By default it exits together with the PowerShell process that started it; -Detached keeps it running.

Without -DataPath the emulator uses a per-user data folder and keeps entries in memory. With -DataPath entries are durable in that folder (an acknowledged write survives a crash), unless -InMemory is given too.
'@
        Parameters  = @{
            DataPath     = 'The emulator''s data folder (CA certificate, emulator.json and, unless -InMemory, the database).'
            InMemory     = 'Keep entries in memory even with -DataPath. Tests use this for speed and isolation.'
            Port         = 'The HTTPS port on 127.0.0.1. 0 (the default) picks a free port.'
            IdentityPort = 'The plain-HTTP port of the managed identity endpoints on 127.0.0.1. 0 (the default) picks a free port.'
            ConfigPath   = 'A JSON file with identities, vaults and role assignments to add to the defaults (see about_VaultTools).'
            FaultRate    = 'The fraction (0 to 1) of data-plane requests that fail on purpose, to test retry behaviour.'
            FaultKind    = 'Which faults -FaultRate injects: 429 (with Retry-After), 503, drop (connection closed). All three by default.'
            Detached     = 'Keep the emulator running after this PowerShell process exits. Stop it with Stop-VaultEmulator -ProcessId.'
            EmulatorPath = 'The VaultTools.Emulator.dll to run. By default the one in the module''s emulator folder, or $env:VAULTTOOLS_EMULATOR_PATH.'
        }
        Examples    = @(
            @{ Code = '$emulator = Start-VaultEmulator
$emulator | Connect-Vault -Emulator'; Remarks = 'Starts an emulator with in-memory storage and connects to its default vault as the built-in administrator.' }
            @{ Code = 'Start-VaultEmulator -DataPath ./vault-data -ConfigPath ./emulator.config.json'; Remarks = 'Starts a durable emulator whose identities, vaults and role assignments come from a configuration file.' }
            @{ Code = 'Start-VaultEmulator -InMemory -DataPath (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) (New-Guid))) -FaultRate 0.2 -FaultKind 429'; Remarks = 'A throwaway emulator that throttles one request in five, to see retries at work.' }
        )
        Links       = @('Stop-VaultEmulator', 'Connect-Vault', 'about_VaultTools')
    }

    'Stop-VaultEmulator' = @{
        Synopsis    = 'Stops a local Key Vault emulator.'
        Description = 'Stop-VaultEmulator stops the emulator given on the pipeline or by process id; without arguments it stops every emulator this session started. When the session is connected to the emulator being stopped, the connection is cleared.'
        Parameters  = @{
            InputObject = 'The emulator to stop, as returned by Start-VaultEmulator.'
            ProcessId   = 'The process id of the emulator to stop.'
        }
        Examples    = @(
            @{ Code = 'Stop-VaultEmulator'; Remarks = 'Stops every emulator started in this session.' }
            @{ Code = '$emulator = Start-VaultEmulator
# ... tests ...
$emulator | Stop-VaultEmulator'; Remarks = 'Stops one emulator.' }
        )
        Links       = @('Start-VaultEmulator')
    }

    'Get-VaultSecret' = @{
        Synopsis    = 'Gets a secret''s value, lists secrets, or lists a secret''s versions.'
        Description = @'
Get-VaultSecret reads secrets from Azure Key Vault.

- With an exact -Name it returns the secret (the latest version, or -Version) with its value as a SecureString in the SecretValue property; -AsPlainText returns the value as a string instead.
- With a wildcard -Name (or no -Name) it lists the matching secrets' properties, without values.
- With -IncludeVersions it lists every version of the secret(s), without values.
- With -Id it reads the entry at its own URL (https://<vault>/secrets/<name>[/<version>]), which is how scripts and applications usually keep a reference to a secret.

Name, Version and VaultName bind from the pipeline by property name, so a list can be piped back into Get-VaultSecret to read each value. A missing secret is the non-terminating error VaultSecretNotFound (ObjectNotFound); a denial is VaultAccessDenied (PermissionDenied). Values never appear in verbose, debug or error output.
'@
        Parameters  = @{
            Name            = 'The secret''s name. Wildcards list matching secrets (properties only). Tab completion offers the names in the vault.'
            Version         = 'A version of the secret (32 hexadecimal characters). Without it, the latest version.'
            IncludeVersions = 'List every version of the secret (or of each secret matching a wildcard), newest first, without values.'
            Id              = 'The secret''s URL, with or without a version, for example https://contoso-kv.vault.azure.net/secrets/api-key/0123456789abcdef0123456789abcdef.'
            AsPlainText     = 'Return the value as a plain string instead of a secret object with a SecureString. Use it only where the plain value is needed.'
        }
        Examples    = @(
            @{ Code = 'Get-VaultSecret -Name api-key -AsPlainText'; Remarks = 'Returns the current value of api-key as a string.' }
            @{ Code = 'Get-VaultSecret -Name ''app-*'''; Remarks = 'Lists the secrets whose names start with app-, without their values.' }
            @{ Code = 'Get-VaultSecret -Name db-password -IncludeVersions | Select-Object Version, Created, Enabled'; Remarks = 'Shows the history of a secret.' }
            @{ Code = 'Get-VaultSecret -Id ''https://contoso-kv.vault.azure.net/secrets/api-key'''; Remarks = 'Reads a secret by the URL that an application configuration refers to.' }
        )
        Links       = @('Set-VaultSecret', 'Connect-Vault')
    }

    'Set-VaultSecret' = @{
        Synopsis    = 'Writes a new version of a secret.'
        Description = @'
Set-VaultSecret creates a secret, or adds a new version to an existing one; the new version becomes the current value. The value is a SecureString (-SecretValue); -PlainTextValue is the explicit route for a value that is already a plain string.

Key Vault's limits are checked before anything is sent: names of 1 to 127 letters, digits and hyphens, values up to 25 KB, content types up to 255 characters, at most 15 tags of up to 512 characters. Bad input is an InvalidArgument error that names the parameter and changes nothing.

Setting a secret whose name is deleted but recoverable fails with VaultSecretDeletedButRecoverable: recover it or purge it first. Supports -WhatIf and -Confirm.
'@
        Parameters  = @{
            Name           = 'The secret''s name: 1 to 127 letters, digits and hyphens.'
            SecretValue    = 'The value, as a SecureString (for example from Read-Host -AsSecureString).'
            PlainTextValue = 'The value as a plain string, when it is already in one. Prefer -SecretValue.'
            ContentType    = 'A hint of what the value is, for example text/plain, application/json or BEK (at most 255 characters).'
            Tag            = 'Tags as a hashtable of names to values, at most 15. Replaces the tags of the secret for the new version.'
            Expires        = 'When the new version expires. Key Vault still returns an expired secret; rotation tooling uses the date.'
            NotBefore      = 'The time before which the new version should not be used.'
            Disable        = 'Write the new version disabled: it cannot be read until it is enabled.'
            PassThru       = 'Return the new version''s properties (never the value).'
        }
        Examples    = @(
            @{ Code = '$value = Read-Host -AsSecureString -Prompt ''API key''
Set-VaultSecret -Name api-key -SecretValue $value -ContentType text/plain -Expires (Get-Date).AddDays(30)'; Remarks = 'Stores an API key that expires in 30 days.' }
            @{ Code = 'Import-Csv ./secrets.csv | Set-VaultSecret -PassThru'; Remarks = 'Writes one secret per CSV row: the columns Name and PlainTextValue (and optionally ContentType) bind by property name.' }
            @{ Code = 'Set-VaultSecret -Name db-password -PlainTextValue $generated -Tag @{ Owner = ''team-a''; ValidityPeriodDays = ''30'' } -WhatIf'; Remarks = 'Shows what would be written, without writing it.' }
        )
        Links       = @('Get-VaultSecret', 'Connect-Vault')
    }

    # ---- secrets lifecycle, keys, certificates (issue 3) ----

    # ---- access control: vaults, RBAC, access policies, tokens (issue 4) ----

    'New-Vault' = @{
        Synopsis    = 'Creates a key vault (Standard or Premium, Azure RBAC or access policies).'
        Description = @'
New-Vault creates a key vault through Azure Resource Manager (Microsoft.KeyVault/vaults, api-version 2023-07-01), in the emulator's ARM subset as in Azure.

The vault uses the Azure RBAC permission model unless -EnableRbacAuthorization $false is given: access to its secrets, keys and certificates is then granted with Grant-VaultRole, down to a single entry. A vault on the access-policy model is managed with Set-VaultAccessPolicy instead.

Soft delete is always on (Azure no longer allows it off); -SoftDeleteRetentionInDays sets how long a deleted entry or vault stays recoverable (7 to 90 days, 90 by default). -EnablePurgeProtection forbids purging during that period; it cannot be switched off later.

Without -ResourceGroupName the session's resource group is used (Connect-Vault -ResourceGroupName, or the emulator's). Without -Location the vault is created in the location of its resource group, as az keyvault create does ("local" in the emulator). The tenant is the session's. A name that already exists in the resource group is refused with VaultAlreadyExists (ResourceExists) rather than overwritten: a PUT on an existing vault would replace its access policies. Vault names are global in Azure; a name taken elsewhere fails with the service's conflict.
'@
        Parameters  = @{
            Name                      = 'The vault''s name: 3 to 24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no consecutive hyphens. It becomes https://<name>.vault.azure.net/.'
            ResourceGroupName         = 'The resource group to create the vault in. Defaults to the session''s resource group (Connect-Vault -ResourceGroupName; in the emulator, its resource group).'
            Location                  = 'The Azure region, for example westeurope. Defaults to the location of the resource group.'
            Sku                       = 'Standard (the default) or Premium. Premium vaults can hold HSM-protected keys (RSA-HSM, EC-HSM).'
            EnableRbacAuthorization   = 'True (the default): Azure RBAC decides who may use the vault''s data (Grant-VaultRole). False: the vault''s access policies do (Set-VaultAccessPolicy).'
            SoftDeleteRetentionInDays = 'How many days deleted entries (and the vault itself) stay recoverable: 7 to 90, 90 by default.'
            EnablePurgeProtection     = 'Forbid purging deleted entries and the vault until their retention period ends. Cannot be turned off once on.'
            Tag                       = 'Azure resource tags for the vault, as a hashtable of names to values.'
            SubscriptionId            = 'The subscription to create the vault in, instead of the session''s (Connect-Vault -SubscriptionId; in the emulator, its subscription).'
        }
        Examples    = @(
            @{ Code = 'New-Vault -Name contoso-app-kv -ResourceGroupName rg-app -Location westeurope'; Remarks = 'Creates a Standard vault on the Azure RBAC model with 90 days of soft delete.' }
            @{ Code = 'New-Vault -Name contoso-hsm-kv -ResourceGroupName rg-app -Sku Premium -SoftDeleteRetentionInDays 30 -EnablePurgeProtection -Tag @{ owner = ''team-a'' }'; Remarks = 'A Premium vault for HSM-protected keys, with purge protection.' }
            @{ Code = 'Start-VaultEmulator | Connect-Vault -Emulator
New-Vault -Name legacy -EnableRbacAuthorization $false | Set-VaultAccessPolicy -ObjectId $appObjectId -PermissionsToSecrets get, list -Force'; Remarks = 'In the emulator: a vault on the access-policy model, and a policy for an application. The vault''s Name binds into -VaultName.' }
        )
        Links       = @('Get-Vault', 'Remove-Vault', 'Grant-VaultRole', 'Set-VaultAccessPolicy')
    }

    'Get-Vault' = @{
        Synopsis    = 'Gets a key vault''s description from Azure Resource Manager, or lists vaults.'
        Description = @'
Get-Vault returns VaultTools.Vault objects: name, resource id, resource group, subscription, location, vault URI, SKU, permission model (EnableRbacAuthorization, shown as PermissionModel RBAC or AccessPolicy), soft-delete retention, purge protection, access policies and tags.

With an exact -Name it reads that vault: in -ResourceGroupName when given, else in the session's resource group, else by looking the name up among the subscription's vaults (the resource group found is remembered for the session). With a wildcard, or no -Name, it lists the vaults of the resource group, or of the whole subscription.

A vault that does not exist is the error VaultNotFound (ObjectNotFound).
'@
        Parameters  = @{
            Name              = 'The vault''s name. Wildcards list matching vaults; without -Name every vault of the resource group or subscription is listed.'
            ResourceGroupName = 'The resource group to look in. Without it, the session''s resource group, then the whole subscription.'
            SubscriptionId    = 'The subscription to look in, instead of the session''s. Binds from the pipeline by property name.'
        }
        Examples    = @(
            @{ Code = 'Get-Vault -Name contoso-app-kv'; Remarks = 'Shows the vault, including whether it uses Azure RBAC or access policies.' }
            @{ Code = 'Get-Vault | Where-Object { -not $_.EnableRbacAuthorization } | Select-Object Name, ResourceGroupName'; Remarks = 'Finds the vaults of the subscription that still use access policies.' }
            @{ Code = '(Get-Vault -Name legacy).AccessPolicies'; Remarks = 'Shows who has which permissions on a vault on the access-policy model.' }
        )
        Links       = @('New-Vault', 'Remove-Vault', 'Get-VaultRoleAssignment')
    }

    'Remove-Vault' = @{
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
            @{ Code = 'Remove-Vault -Name contoso-test-kv -WhatIf'; Remarks = 'Shows which vault would be deleted.' }
            @{ Code = 'Get-Vault -Name ''test-*'' | Remove-Vault -Force'; Remarks = 'Deletes every vault whose name starts with test-, without prompting.' }
        )
        Links       = @('Get-Vault', 'New-Vault')
    }

    'Grant-VaultRole' = @{
        Synopsis    = 'Gives a user, group, service principal or managed identity an Azure role on a vault or on one secret, key or certificate.'
        Description = @'
Grant-VaultRole creates an Azure role assignment (Microsoft.Authorization/roleAssignments, api-version 2022-04-01). The scope is the vault (the default), one entry of it (-SecretName, -KeyName or -CertificateName), or any ARM scope given with -Scope (a resource group or subscription, for example). A role applies at its scope and everything below it: Key Vault Secrets User on one secret lets the principal read that secret only; on the vault, every secret.

-Role takes a role name or a role definition id. The built-in Key Vault roles (Key Vault Administrator, Reader, Secrets Officer, Secrets User, Crypto Officer, Crypto User, Crypto Service Encryption User, Certificates Officer, Certificate User) are resolved locally and tab-complete; other roles are looked up by name in the subscription.

-ObjectId is the principal's object id; for a managed identity, its object (principal) id, not its client id. -PrincipalType (User, Group or ServicePrincipal; a managed identity is a ServicePrincipal) avoids a directory lookup and the replication delay of newly created principals.

Granting is idempotent: when the principal already has exactly this role at exactly this scope, the existing assignment is returned, nothing is changed and no confirmation is asked. A 409 RoleAssignmentExists from ARM (a grant racing another) is answered the same way.

A vault on the access-policy model is refused with VaultUsesAccessPolicies (InvalidOperation) before anything is written, because Azure does not consult role assignments for its data; use Set-VaultAccessPolicy there. Without the right to create role assignments (Owner or User Access Administrator), ARM's denial is the error VaultAccessDenied (PermissionDenied) with ARM's message, which names the caller, the action and the scope.

Granting asks for confirmation (ConfirmImpact High); -Force skips the prompt. -WhatIf shows the exact scope and role.
'@
        Parameters  = @{
            Role            = 'The role: a name such as ''Key Vault Secrets User'' (tab completion offers the Key Vault roles) or a role definition id (GUID or full id).'
            ObjectId        = 'The object id of the user, group, service principal or managed identity. Binds from the pipeline by property name (ObjectId or PrincipalId), so emulator identities and role assignments flow in.'
            PrincipalType   = 'User, Group or ServicePrincipal (managed identities are service principals). Optional; when omitted ARM looks the principal up.'
            SecretName      = 'Grant the role on this one secret instead of the whole vault.'
            KeyName         = 'Grant the role on this one key instead of the whole vault.'
            CertificateName = 'Grant the role on this one certificate instead of the whole vault.'
            Scope           = 'Any ARM scope, for example /subscriptions/<id>/resourceGroups/<rg>. Vault and entry scopes given this way are checked against the vault''s permission model too.'
            Force           = 'Grant without asking for confirmation. -WhatIf and an explicit -Confirm still apply.'
            ResourceGroupName = 'The vault''s resource group. Without it, the vault is looked up by name in the subscription (once per session).'
            SubscriptionId  = 'The vault''s subscription, instead of the session''s.'
        }
        Examples    = @(
            @{ Code = '$mi = (Get-AzUserAssignedIdentity -ResourceGroupName rg-app -Name app-identity).PrincipalId
Grant-VaultRole -VaultName contoso-app-kv -Role ''Key Vault Secrets User'' -ObjectId $mi -PrincipalType ServicePrincipal -SecretName db-password -Force'; Remarks = 'Lets one managed identity read one secret, and nothing else in the vault.' }
            @{ Code = 'Grant-VaultRole -Role ''Key Vault Secrets Officer'' -ObjectId $opsGroupId -PrincipalType Group -WhatIf'; Remarks = 'Shows the exact scope (the session''s default vault) and role that would be granted.' }
            @{ Code = 'Grant-VaultRole -Role ''Key Vault Reader'' -ObjectId $auditorId -Scope "/subscriptions/$subscriptionId/resourceGroups/rg-app" -Force'; Remarks = 'Grants a role on a resource group: it applies to every vault in it.' }
            @{ Code = '$emulator = Start-VaultEmulator -ConfigPath ./identities.json
$emulator | Connect-Vault -Emulator
$emulator.Identities | Where-Object Name -eq reader | Grant-VaultRole -Role ''Key Vault Secrets User'' -SecretName app-secret -Force'; Remarks = 'In the emulator: the identity''s ObjectId binds from the pipeline. Running it twice returns the same assignment.' }
        )
        Links       = @('Revoke-VaultRole', 'Get-VaultRoleAssignment', 'Get-VaultRoleDefinition', 'Set-VaultAccessPolicy')
    }

    'Revoke-VaultRole' = @{
        Synopsis    = 'Removes role assignments from a vault, an entry or any scope.'
        Description = @'
Revoke-VaultRole deletes role assignments. Give the same -Role, -ObjectId and scope (-SecretName, -KeyName, -CertificateName, -Scope, or the vault by default) as when granting, or pipe assignments from Get-VaultRoleAssignment.

Only an assignment at exactly the given scope is removed: a principal that still holds the role at an enclosing scope (the vault, its resource group or subscription) keeps access through it; Get-VaultRoleAssignment -ObjectId <id> -IncludeInherited shows where. When there is nothing to revoke the error is VaultRoleAssignmentNotFound (ObjectNotFound). An assignment piped in that is already gone is reported in verbose output only.

Revoke-VaultRole works on vaults of either permission model. It asks for confirmation (ConfirmImpact High); -Force skips the prompt. Azure may take a few minutes to apply a removal everywhere; the emulator applies it at once.
'@
        Parameters  = @{
            Role              = 'The role to revoke: a name or a role definition id.'
            ObjectId          = 'The object id of the principal to revoke the role from.'
            SecretName        = 'Revoke the assignment on this secret.'
            KeyName           = 'Revoke the assignment on this key.'
            CertificateName   = 'Revoke the assignment on this certificate.'
            Scope             = 'Revoke the assignment at this ARM scope.'
            InputObject       = 'Role assignments to remove, from Get-VaultRoleAssignment or Grant-VaultRole.'
            Force             = 'Revoke without asking for confirmation. -WhatIf and an explicit -Confirm still apply.'
            PassThru          = 'Return the removed assignments.'
            ResourceGroupName = 'The vault''s resource group. Without it, the vault is looked up by name.'
            SubscriptionId    = 'The vault''s subscription, instead of the session''s.'
        }
        Examples    = @(
            @{ Code = 'Revoke-VaultRole -Role ''Key Vault Secrets User'' -ObjectId $mi -SecretName db-password -Force'; Remarks = 'Takes back what the first example of Grant-VaultRole gave.' }
            @{ Code = 'Get-VaultRoleAssignment -ObjectId $leaverId | Revoke-VaultRole -Force -PassThru'; Remarks = 'Removes every assignment a principal has on the vault and its entries, and lists what was removed.' }
        )
        Links       = @('Grant-VaultRole', 'Get-VaultRoleAssignment')
    }

    'Get-VaultRoleAssignment' = @{
        Synopsis    = 'Lists who holds which role on a vault, on one of its entries, or at any scope.'
        Description = @'
Get-VaultRoleAssignment lists role assignments as VaultTools.RoleAssignment objects, shown with role names (not GUIDs), the principal, and where the assignment is (Subscription, ResourceGroup, Vault, Secret, Key or Certificate).

- Without -ObjectId: the assignments at the vault (or at the entry given with -SecretName, -KeyName or -CertificateName, or at -Scope). -IncludeInherited adds those at enclosing scopes that apply there too: the resource group and subscription, and the vault for an entry.
- With -ObjectId: the principal's assignments on the vault and on each of its entries; -IncludeInherited adds those at enclosing scopes. This answers "what can this identity reach in this vault".

Assignments at single entries below a vault are listed when a principal is given (-ObjectId) or when the entry is named; a listing at the vault without -ObjectId shows the vault-level assignments (ARM's atScope() filter).
'@
        Parameters  = @{
            ObjectId          = 'Only this principal''s assignments, on the vault and on its entries (and above with -IncludeInherited).'
            Role              = 'Only assignments of this role (name or role definition id).'
            SecretName        = 'List the assignments that apply to this secret.'
            KeyName           = 'List the assignments that apply to this key.'
            CertificateName   = 'List the assignments that apply to this certificate.'
            Scope             = 'List the assignments at this ARM scope.'
            IncludeInherited  = 'Also list assignments made at enclosing scopes (resource group, subscription; the vault for an entry), which apply here too.'
            ResourceGroupName = 'The vault''s resource group. Without it, the vault is looked up by name.'
            SubscriptionId    = 'The vault''s subscription, instead of the session''s.'
        }
        Examples    = @(
            @{ Code = 'Get-VaultRoleAssignment -VaultName contoso-app-kv -IncludeInherited'; Remarks = 'Everyone who holds a role on the vault, directly or from its resource group or subscription.' }
            @{ Code = 'Get-VaultRoleAssignment -SecretName db-password -IncludeInherited | Where-Object RoleDefinitionName -in ''Key Vault Secrets User'', ''Key Vault Secrets Officer'', ''Key Vault Administrator'''; Remarks = 'Who can read the secret db-password.' }
            @{ Code = 'Get-VaultRoleAssignment -ObjectId $mi | Format-Table RoleDefinitionName, ScopeKind, EntryName'; Remarks = 'What one managed identity holds in the vault, entry by entry.' }
        )
        Links       = @('Grant-VaultRole', 'Revoke-VaultRole', 'Get-VaultRoleDefinition')
    }

    'Get-VaultRoleDefinition' = @{
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

    'Set-VaultAccessPolicy' = @{
        Synopsis    = 'Gives a principal access-policy permissions on a vault that uses the access-policy model.'
        Description = @'
Set-VaultAccessPolicy changes one principal's access policy on a vault whose EnableRbacAuthorization is false (see Get-Vault). It calls ARM's accessPolicies operations (api-version 2023-07-01) and never rewrites the policies of other principals.

- By default (ARM's "add"), the permissions given are added to what the principal already has; categories not given are left as they are.
- With -Replace (ARM's "replace"), the principal's permissions become exactly those given; categories not given become empty.

Permission names are checked before anything is sent, ignoring case: secrets get, list, set, delete, backup, restore, recover, purge; keys get, list, update, create, import, delete, recover, backup, restore, decrypt, encrypt, unwrapKey, wrapKey, verify, sign, purge, rotate, getrotationpolicy, setrotationpolicy; certificates get, list, update, create, import, delete, recover, backup, restore, managecontacts, manageissuers, getissuers, listissuers, setissuers, deleteissuers, purge. An unknown name is the error InvalidAccessPolicyPermission (InvalidArgument) naming the parameter and the value. Tab completion offers the names.

On a vault that uses Azure RBAC the command is refused with VaultUsesRbac (InvalidOperation) before anything is written, because Azure ignores access policies there; use Grant-VaultRole. It asks for confirmation (ConfirmImpact High); -Force skips the prompt.
'@
        Parameters  = @{
            ObjectId                  = 'The object id of the user, group, service principal or managed identity.'
            PermissionsToSecrets      = 'Secret permissions: get, list, set, delete, backup, restore, recover, purge.'
            PermissionsToKeys         = 'Key permissions: get, list, update, create, import, delete, recover, backup, restore, decrypt, encrypt, unwrapKey, wrapKey, verify, sign, purge, rotate, getrotationpolicy, setrotationpolicy.'
            PermissionsToCertificates = 'Certificate permissions: get, list, update, create, import, delete, recover, backup, restore, managecontacts, manageissuers, getissuers, listissuers, setissuers, deleteissuers, purge.'
            Replace                   = 'Make the principal''s permissions exactly those given (categories not given become empty), instead of adding to them.'
            Force                     = 'Change the policy without asking for confirmation. -WhatIf and an explicit -Confirm still apply.'
            PassThru                  = 'Return the principal''s access policy as the vault now holds it.'
            ResourceGroupName         = 'The vault''s resource group. Without it, the vault is looked up by name.'
            SubscriptionId            = 'The vault''s subscription, instead of the session''s.'
        }
        Examples    = @(
            @{ Code = 'Set-VaultAccessPolicy -VaultName legacy-kv -ObjectId $appId -PermissionsToSecrets get, list -Force'; Remarks = 'Lets an application read and list secrets, in addition to what it had.' }
            @{ Code = 'Set-VaultAccessPolicy -VaultName legacy-kv -ObjectId $appId -PermissionsToSecrets get -Replace -Force -PassThru'; Remarks = 'Cuts the application down to reading secrets only, and shows the resulting policy.' }
        )
        Links       = @('Remove-VaultAccessPolicy', 'Get-Vault', 'Grant-VaultRole')
    }

    'Remove-VaultAccessPolicy' = @{
        Synopsis    = 'Removes a principal''s access policy from a vault.'
        Description = @'
Remove-VaultAccessPolicy takes every access-policy permission of one principal away (ARM's accessPolicies "remove" with the principal's current permissions). Other principals' policies are untouched. A principal without a policy on the vault is the error VaultAccessPolicyNotFound (ObjectNotFound).

On a vault that uses Azure RBAC the policy is removed too, with a warning that it was not in effect; use Revoke-VaultRole to take access away there. It asks for confirmation (ConfirmImpact High); -Force skips the prompt.
'@
        Parameters  = @{
            ObjectId          = 'The object id of the principal whose access policy is removed.'
            Force             = 'Remove without asking for confirmation. -WhatIf and an explicit -Confirm still apply.'
            PassThru          = 'Return the policy that was removed.'
            ResourceGroupName = 'The vault''s resource group. Without it, the vault is looked up by name.'
            SubscriptionId    = 'The vault''s subscription, instead of the session''s.'
        }
        Examples    = @(
            @{ Code = 'Remove-VaultAccessPolicy -VaultName legacy-kv -ObjectId $appId -Force'; Remarks = 'The application loses all access granted by policy.' }
            @{ Code = '(Get-Vault -Name legacy-kv).AccessPolicies | Where-Object { -not $_.PermissionsToSecrets } | Remove-VaultAccessPolicy -VaultName legacy-kv -WhatIf'; Remarks = 'Shows which policies without secret permissions would be removed.' }
        )
        Links       = @('Set-VaultAccessPolicy', 'Get-Vault')
    }

    'Get-VaultAccessToken' = @{
        Synopsis    = 'Gets an access token of the session''s credential, for Key Vault, ARM or another resource.'
        Description = @'
Get-VaultAccessToken asks the session's credential (Connect-Vault: managed identity, service principal, emulator...) for a token, from the same token cache the cmdlets use. It is the first step of the two-step flow that other languages and tools use with Key Vault: get a token for the vault resource, then call the entry's URL with the header "Authorization: Bearer <token>".

By default the token is for Key Vault (https://vault.azure.net in Azure); -ResourceTypeName Arm gets one for Azure Resource Manager, and -ResourceUrl for any other resource. The result is a VaultTools.VaultAccessToken with the token as a SecureString, its expiry, the resource, and the tenant, user or application id and object id read from the token's claims (not validated: the service validates). -AsPlainText returns the token string alone, ready for an Authorization header; its expiry is then shown in verbose output.
'@
        Parameters  = @{
            ResourceTypeName = 'KeyVault (the default) or Arm.'
            ResourceUrl      = 'The resource (application id URI) to get a token for, for example https://storage.azure.com. A trailing /.default is accepted.'
            AsPlainText      = 'Return the token as a plain string instead of an object with a SecureString.'
        }
        Examples    = @(
            @{ Code = '$token = Get-VaultAccessToken -AsPlainText
Invoke-RestMethod -Uri ''https://contoso-app-kv.vault.azure.net/secrets/db-password?api-version=7.5'' -Headers @{ Authorization = "Bearer $token" }'; Remarks = 'The two-step flow: get a token for Key Vault, then read a secret over REST as any language would.' }
            @{ Code = 'Get-VaultAccessToken | Select-Object ObjectId, TenantId, ExpiresOn'; Remarks = 'Shows which object id the session signs in as: the id to give Grant-VaultRole or Set-VaultAccessPolicy.' }
            @{ Code = 'Get-VaultAccessToken -ResourceTypeName Arm'; Remarks = 'A token for Azure Resource Manager (the audience role assignments and vaults are managed with).' }
        )
        Links       = @('Connect-Vault', 'Grant-VaultRole')
    }

    # ---- rotation, BitLocker ----
}
