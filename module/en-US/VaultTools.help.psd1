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
            ConsistencyDelaySeconds = 'Seconds (0 to 600) for which a deletion or recovery stays invisible to readers, as on Azure, where it takes about a minute: the deleted entry is not found yet, the name answers 409 ObjectIsBeingDeleted, a recovered entry is not readable yet. Use it to test scripts that purge after a delete or read after a recovery. 0 (the default): visible at once.'
            Detached     = 'Keep the emulator running after this PowerShell process exits. Stop it with Stop-VaultEmulator -ProcessId.'
            EmulatorPath = 'The VaultTools.Emulator.dll to run. By default the one in the module''s emulator folder, or $env:VAULTTOOLS_EMULATOR_PATH.'
        }
        Examples    = @(
            @{ Code = '$emulator = Start-VaultEmulator
$emulator | Connect-Vault -Emulator'; Remarks = 'Starts an emulator with in-memory storage and connects to its default vault as the built-in administrator.' }
            @{ Code = 'Start-VaultEmulator -DataPath ./vault-data -ConfigPath ./emulator.config.json'; Remarks = 'Starts a durable emulator whose identities, vaults and role assignments come from a configuration file.' }
            @{ Code = 'Start-VaultEmulator -InMemory -DataPath (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) (New-Guid))) -FaultRate 0.2 -FaultKind 429'; Remarks = 'A throwaway emulator that throttles one request in five, to see retries at work.' }
            @{ Code = 'Start-VaultEmulator -ConsistencyDelaySeconds 5 | Connect-Vault -Emulator
Set-VaultSecret -Name old-key -PlainTextValue x
Remove-VaultSecret -Name old-key -Purge -Force'; Remarks = 'Deletions take five seconds to become visible, as they take about a minute on Azure: Remove-VaultSecret -Purge waits for the deletion (with a progress bar) before it purges.' }
        )
        Links       = @('Stop-VaultEmulator', 'Connect-Vault', 'about_VaultTools')
    }

    'Stop-VaultEmulator' = @{
        Synopsis    = 'Stops a local Key Vault emulator.'
        Description = 'Stop-VaultEmulator stops the emulator given on the pipeline or by process id; without arguments it stops every emulator this session started. When the session is connected to the emulator being stopped, the connection is cleared, and the emulator''s emulator.json is removed as on a normal stop. A process id that is not a VaultTools emulator (not started in this session, not named by an emulator.json) is refused with the error NotAVaultEmulator and left running.'
        Parameters  = @{
            InputObject = 'The emulator to stop, as returned by Start-VaultEmulator.'
            ProcessId   = 'The process id of the emulator to stop. Only a VaultTools emulator is stopped.'
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
- With -InRemovedState it reads or lists soft-deleted secrets (recoverable with Undo-VaultSecretRemoval, purged with Remove-VaultSecret -InRemovedState).

Name, Version and VaultName bind from the pipeline by property name, so a list can be piped back into Get-VaultSecret to read each value. A missing secret is the non-terminating error VaultSecretNotFound (ObjectNotFound); a denial is VaultAccessDenied (PermissionDenied). Values never appear in verbose, debug or error output.
'@
        Parameters  = @{
            Name            = 'The secret''s name. Wildcards list matching secrets (properties only). Tab completion offers the names in the vault.'
            Version         = 'A version of the secret (32 hexadecimal characters). Without it, the latest version.'
            IncludeVersions = 'List every version of the secret (or of each secret matching a wildcard), newest first, without values.'
            Id              = 'The secret''s URL, with or without a version, for example https://contoso-kv.vault.azure.net/secrets/api-key/0123456789abcdef0123456789abcdef.'
            AsPlainText     = 'Return the value as a plain string instead of a secret object with a SecureString. Use it only where the plain value is needed.'
            InRemovedState  = 'Read (exact -Name) or list (wildcard or no -Name) soft-deleted secrets instead of live ones: VaultTools.DeletedVaultSecret objects with their deletion and scheduled purge dates, never a value. Not with -Version, -IncludeVersions or -AsPlainText.'
        }
        Examples    = @(
            @{ Code = 'Get-VaultSecret -Name api-key -AsPlainText'; Remarks = 'Returns the current value of api-key as a string.' }
            @{ Code = 'Get-VaultSecret -Name ''app-*'''; Remarks = 'Lists the secrets whose names start with app-, without their values.' }
            @{ Code = 'Get-VaultSecret -Name db-password -IncludeVersions | Select-Object Version, Created, Enabled'; Remarks = 'Shows the history of a secret.' }
            @{ Code = 'Get-VaultSecret -Id ''https://contoso-kv.vault.azure.net/secrets/api-key'''; Remarks = 'Reads a secret by the URL that an application configuration refers to.' }
            @{ Code = 'Get-VaultSecret -InRemovedState -Name ''app-*'''; Remarks = 'Lists the deleted secrets whose names start with app-, with the dates they will be purged.' }
        )
        Links       = @('Set-VaultSecret', 'Connect-Vault', 'Remove-VaultSecret', 'Undo-VaultSecretRemoval')
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

    'Remove-VaultSecret' = @{
        Synopsis    = 'Deletes secrets (soft delete), or purges deleted secrets.'
        Description = @'
Remove-VaultSecret deletes a secret with all its versions. Vaults keep deleted secrets recoverable (soft delete) until their scheduled purge date: Get-VaultSecret -InRemovedState lists them and Undo-VaultSecretRemoval brings them back.

With -InRemovedState it purges a secret that is already deleted: the secret is gone for good and its name is free again. With -Purge it does both in one call: it deletes, waits until the vault shows the secret as deleted (Key Vault finishes a deletion after a delay, about a minute on Azure; the wait is bounded to 3 minutes and shows a progress bar), then purges. When many names are piped in, every deletion is sent first and the waits overlap.

Without -Purge the cmdlet does not wait: the vault has accepted the deletion when it returns, and the deleted entry may take a moment to appear in Get-VaultSecret -InRemovedState.

This is a high-impact operation: PowerShell asks for confirmation unless -Force or -Confirm:$false is given; -WhatIf shows what would be deleted. A failure for one secret of a batch (not found, access denied) is a non-terminating error whose target is that secret's name; the other secrets are still processed.
'@
        Parameters  = @{
            Name           = 'The name of the secret to delete (or, with -InRemovedState, to purge). Binds from the pipeline by property name, so the output of Get-VaultSecret can be piped in.'
            InRemovedState = 'Purge a secret that is already in the deleted state. Purging is permanent.'
            Purge          = 'Delete the secret and purge it in one call (permanent). Waits, bounded, until the deletion is visible before purging.'
            Force          = 'Do not ask for confirmation. -WhatIf still only shows what would happen, and an explicit -Confirm still asks.'
            PassThru       = 'Return the deleted secret (VaultTools.DeletedVaultSecret: recovery id, deletion date, scheduled purge date).'
        }
        Examples    = @(
            @{ Title = 'Delete a secret (recoverable)'; Code = 'Remove-VaultSecret -Name api-key -Force'; Remarks = 'Soft-deletes api-key. It can be recovered with Undo-VaultSecretRemoval -Name api-key until its scheduled purge date.' }
            @{ Title = 'Delete and purge every test secret'; Code = 'Get-VaultSecret -Name ''test-*'' | Remove-VaultSecret -Purge -Force'; Remarks = 'Deletes every secret whose name starts with test-, waits until the deletions are visible and purges them, so the names can be reused at once.' }
            @{ Title = 'Purge a secret that was deleted earlier'; Code = 'Get-VaultSecret -InRemovedState -Name old-password | Remove-VaultSecret -InRemovedState -Force'; Remarks = 'Permanently removes the deleted secret old-password.' }
            @{ Title = 'See what would be deleted'; Code = 'Get-VaultSecret -Name ''app-*'' | Remove-VaultSecret -WhatIf'; Remarks = 'Lists the secrets that would be deleted, without deleting anything.' }
        )
        Links       = @('Get-VaultSecret', 'Undo-VaultSecretRemoval', 'Backup-VaultSecret')
    }

    'Undo-VaultSecretRemoval' = @{
        Synopsis    = 'Recovers deleted secrets.'
        Description = @'
Undo-VaultSecretRemoval recovers a soft-deleted secret with all its versions, tags and properties, under the same name. Key Vault finishes a recovery after a delay, so the cmdlet waits (bounded to 3 minutes, with a progress bar) until the secret can be read again, then returns its properties. When many names are piped in, every recovery is sent first and the waits overlap. If the wait ends before the vault shows the secret, a warning says so; the recovery still completes on its own.

A name that is not in the deleted state is the non-terminating error VaultSecretNotFound.
'@
        Parameters  = @{
            Name = 'The name of the deleted secret. Binds from the pipeline by property name, so the output of Get-VaultSecret -InRemovedState can be piped in. Tab completion offers the names of deleted secrets.'
        }
        Examples    = @(
            @{ Title = 'Recover one secret'; Code = 'Undo-VaultSecretRemoval -Name api-key'; Remarks = 'Recovers api-key and returns its properties once it can be read.' }
            @{ Title = 'Recover everything deleted today'; Code = 'Get-VaultSecret -InRemovedState | Where-Object DeletedOn -gt (Get-Date).Date | Undo-VaultSecretRemoval'; Remarks = 'Recovers every secret deleted since midnight.' }
        )
        Links       = @('Remove-VaultSecret', 'Get-VaultSecret')
    }

    'Backup-VaultSecret' = @{
        Synopsis    = 'Backs up secrets to files.'
        Description = @'
Backup-VaultSecret asks the vault for a backup of a secret (every version, encrypted by Key Vault; only a vault in the same Azure subscription and geography can restore it) and writes it to a file. It returns the file (System.IO.FileInfo), which pipes into Restore-VaultSecret.

Without -OutputFile the file is <vault>-<name>-<yyyyMMddHHmmss>.blob in the current folder. An existing file is never replaced unless -Force is given (the error OutputFileExists, before anything is asked of the vault). The file is written atomically: it is either absent, the old file, or the whole new backup, never a partial one; on Linux and macOS it is readable by its owner only.
'@
        Parameters  = @{
            Name       = 'The name of the secret to back up. Binds from the pipeline by property name.'
            OutputFile = 'The file to write. By default <vault>-<name>-<yyyyMMddHHmmss>.blob in the current folder.'
            Force      = 'Replace the file if it exists.'
        }
        Examples    = @(
            @{ Title = 'Back up one secret'; Code = 'Backup-VaultSecret -Name api-key -OutputFile ./api-key.blob'; Remarks = 'Writes the encrypted backup of api-key to api-key.blob.' }
            @{ Title = 'Back up every secret of a vault'; Code = 'Get-VaultSecret | Backup-VaultSecret'; Remarks = 'Writes one timestamped .blob file per secret into the current folder.' }
        )
        Links       = @('Restore-VaultSecret', 'Remove-VaultSecret')
    }

    'Restore-VaultSecret' = @{
        Synopsis    = 'Restores secrets from backup files.'
        Description = @'
Restore-VaultSecret restores a secret, with every version, from a file written by Backup-VaultSecret (or by Backup-AzKeyVaultSecret). The vault must be in the same Azure subscription and geography as the one backed up, and no secret of that name may exist (not even deleted): otherwise the vault refuses with VaultSecretConflict. It returns the restored secret's properties.
'@
        Parameters  = @{
            InputFile = 'The backup file. Binds from the pipeline by the property FullName, so the output of Backup-VaultSecret and Get-ChildItem can be piped in.'
        }
        Examples    = @(
            @{ Title = 'Restore one secret'; Code = 'Restore-VaultSecret -InputFile ./api-key.blob'; Remarks = 'Restores api-key into the session''s default vault.' }
            @{ Title = 'Restore every backup of a folder into another vault'; Code = 'Get-ChildItem ./backups -Filter *.blob | Restore-VaultSecret -VaultName contoso-kv-dr'; Remarks = 'Restores each backup file into contoso-kv-dr.' }
        )
        Links       = @('Backup-VaultSecret')
    }

    'Update-VaultSecret' = @{
        Synopsis    = 'Changes the properties of a secret version without writing a new value.'
        Description = @'
Update-VaultSecret changes the properties of an existing version of a secret: enabled or disabled, expiry, not-before date, content type and tags. The value is not touched and no new version is created. Without -Version the latest version is changed.

Only the properties given are sent; the others keep their values. -Tag replaces all the tags of the version. Key Vault's update cannot clear tags or dates, so an empty -Tag is refused (write a new version with Set-VaultSecret instead). Input is checked before any request (content type length, at most 15 tags, -Expires after -NotBefore).

A disabled version cannot be read (reading it is the error VaultSecretOperationNotAllowed); -Enable $true makes it readable again.
'@
        Parameters  = @{
            Name        = 'The name of the secret. Binds from the pipeline by property name.'
            Version     = 'The version to change (32 hexadecimal characters). Without it, the latest version. Binds from the pipeline by property name, so the output of Get-VaultSecret -IncludeVersions can be piped in.'
            Enable      = '$true enables the version, $false disables it.'
            Expires     = 'The new expiry date of the version.'
            NotBefore   = 'The new not-before date of the version.'
            ContentType = 'The new content type (at most 255 characters).'
            Tag         = 'Tags as a hashtable of names to values; they replace all tags of the version (at most 15).'
            PassThru    = 'Return the updated properties (never the value).'
        }
        Examples    = @(
            @{ Title = 'Disable a secret'; Code = 'Update-VaultSecret -Name api-key -Enable $false'; Remarks = 'Disables the latest version of api-key; reading it fails until it is enabled again.' }
            @{ Title = 'Extend the expiry of every version that expires this month'; Code = 'Get-VaultSecret -Name db-password -IncludeVersions | Where-Object { $_.Expires -and $_.Expires -lt (Get-Date).AddMonths(1) } | Update-VaultSecret -Expires (Get-Date).AddMonths(6) -PassThru'; Remarks = 'Name and Version bind from each listed version.' }
            @{ Code = 'Update-VaultSecret -Name api-key -ContentType ''application/json'' -Tag @{ Owner = ''team-a'' }'; Remarks = 'Sets the content type and the tags of the latest version.' }
        )
        Links       = @('Set-VaultSecret', 'Get-VaultSecret')
    }

    'Get-VaultCertificate' = @{
        Synopsis    = 'Gets a certificate, lists certificates or their versions, or lists deleted certificates.'
        Description = @'
Get-VaultCertificate reads certificates from Azure Key Vault.

- With an exact -Name it returns the certificate (the latest version, or -Version) as VaultTools.VaultCertificate: subject, subject alternative names, thumbprint, validity dates, the public X.509 certificate (Certificate property, an X509Certificate2 without private key) and the ids of the backing key and backing secret (same name as the certificate).
- With a wildcard -Name (or no -Name) it lists the matching certificates' properties (name, thumbprint, dates, tags).
- With -IncludeVersions it lists every version.
- With -Id it reads the certificate at its own URL (https://<vault>/certificates/<name>[/<version>]).
- With -InRemovedState it reads or lists soft-deleted certificates (VaultTools.DeletedVaultCertificate).

The private key is never part of the output: Export-VaultCertificate writes it to a file. A missing certificate is the non-terminating error VaultCertificateNotFound.
'@
        Parameters  = @{
            Name            = 'The certificate''s name. Wildcards list matching certificates. Tab completion offers the names in the vault.'
            Version         = 'A version of the certificate (32 hexadecimal characters). Without it, the latest version.'
            IncludeVersions = 'List every version of the certificate (or of each certificate matching a wildcard), newest first.'
            InRemovedState  = 'Read or list soft-deleted certificates instead of live ones.'
            Id              = 'The certificate''s URL, with or without a version, for example https://contoso-kv.vault.azure.net/certificates/web/0123456789abcdef0123456789abcdef.'
        }
        Examples    = @(
            @{ Title = 'Read a certificate'; Code = 'Get-VaultCertificate -Name web'; Remarks = 'Shows the subject, names, thumbprint and validity of the certificate web.' }
            @{ Title = 'Certificates that expire within 30 days'; Code = 'Get-VaultCertificate | Where-Object { $_.Expires -lt (Get-Date).AddDays(30) } | Select-Object Name, Expires, Thumbprint'; Remarks = 'Lists the certificates to renew soon.' }
            @{ Title = 'Deleted certificates'; Code = 'Get-VaultCertificate -InRemovedState'; Remarks = 'Lists the certificates that can still be recovered, with their scheduled purge dates.' }
        )
        Links       = @('Add-VaultCertificate', 'Import-VaultCertificate', 'Export-VaultCertificate', 'Remove-VaultCertificate')
    }

    'Add-VaultCertificate' = @{
        Synopsis    = 'Creates a certificate from a policy (self-signed).'
        Description = @'
Add-VaultCertificate asks the vault to create a certificate: the vault generates the key pair (it never leaves the vault unless the policy allows export) and, with the Self issuer, signs the certificate itself. Describe the certificate with the policy parameters (-SubjectName, -DnsName, -ValidityInMonths, key settings, renewal settings) or pass a -Policy object made by New-VaultCertificatePolicy.

Key Vault answers with a pending operation (HTTP 202) and completes it in the background. The cmdlet waits for it, at most 5 minutes, with a progress bar, and returns the new certificate. With -NoWait it returns the operation's status at once. If the vault reports the operation as failed, the error is VaultCertificateOperationFailed.

The policy is checked before any request (subject syntax, DNS names, RSA key sizes 2048/3072/4096, EC curves P-256/P-384/P-521/P-256K, validity of 1 to 1200 months, renewal triggers): a bad value is an InvalidArgument error that names the parameter. A name that is deleted but recoverable is the error VaultCertificateDeletedButRecoverable.
'@
        Parameters  = @{
            Name                      = 'The name of the certificate (1 to 127 letters, digits and hyphens). Its backing key and secret get the same name.'
            Policy                    = 'A policy object from New-VaultCertificatePolicy or Get-VaultCertificatePolicy, instead of the policy parameters. Accepts pipeline input.'
            SubjectName               = 'The X.500 subject, for example ''CN=www.contoso.com'' or ''CN=api, O=Contoso, C=NL''. Required unless -DnsName is given.'
            DnsName                   = 'DNS names for the subject alternative name extension, for example www.contoso.com or *.contoso.com.'
            ValidityInMonths          = 'How long each version is valid: 1 to 1200 months (the vault''s default is 12).'
            KeyType                   = 'The key type: RSA (default), EC, or RSA-HSM / EC-HSM (Premium vaults only).'
            KeySize                   = 'The RSA key size: 2048 (default), 3072 or 4096. For EC keys choose -CurveName instead.'
            CurveName                 = 'The elliptic curve of an EC key: P-256 (default), P-384, P-521 or P-256K. Implies -KeyType EC.'
            ContentType               = 'The format of the backing secret: Pkcs12 (default, PFX) or Pem.'
            ReuseKey                  = 'Keep the same key pair when the certificate is renewed.'
            Exportable                = 'Whether the private key can be read from the backing secret (the vault''s default is yes). -Exportable:$false keeps the key in the vault: Export-VaultCertificate then only writes the public certificate.'
            RenewAtPercentageLifetime = 'Renew automatically at this percentage of each version''s lifetime (1 to 99).'
            RenewAtDaysBeforeExpiry   = 'Renew automatically this many days before expiry (1 to ValidityInMonths x 27). Not together with -RenewAtPercentageLifetime.'
            EmailAtPercentageLifetime = 'E-mail the vault''s certificate contacts at this percentage of the lifetime (1 to 99).'
            EmailAtDaysBeforeExpiry   = 'E-mail the vault''s certificate contacts this many days before expiry. Not together with -EmailAtPercentageLifetime.'
            KeyUsage                  = 'Key usages, for example digitalSignature, keyEncipherment (the vault''s default for RSA).'
            EnhancedKeyUsage          = 'Enhanced key usages as OIDs, for example 1.3.6.1.5.5.7.3.1 (server authentication) and 1.3.6.1.5.5.7.3.2 (client authentication).'
            Tag                       = 'Tags as a hashtable of names to values (at most 15).'
            Disable                   = 'Create the certificate disabled.'
            NoWait                    = 'Return at once with the pending operation''s status (VaultTools.CertificateOperationStatus) instead of waiting for the certificate. Get-VaultCertificateOperation shows its progress later.'
        }
        Examples    = @(
            @{ Title = 'A TLS certificate for a web site'; Code = 'Add-VaultCertificate -Name web -SubjectName ''CN=www.contoso.com'' -DnsName www.contoso.com, contoso.com -ValidityInMonths 12 -RenewAtDaysBeforeExpiry 30'; Remarks = 'Creates a self-signed certificate with two DNS names that the vault renews 30 days before it expires.' }
            @{ Title = 'An EC certificate stored as PEM'; Code = 'Add-VaultCertificate -Name api-signing -SubjectName ''CN=api-signing'' -CurveName P-384 -ContentType Pem -Exportable:$false'; Remarks = 'The private key cannot be exported; the backing secret holds the public PEM only.' }
            @{ Title = 'From a policy object, without waiting'; Code = '$policy = New-VaultCertificatePolicy -SubjectName ''CN=internal'' -ValidityInMonths 24
Add-VaultCertificate -Name internal -Policy $policy -NoWait
Get-VaultCertificateOperation -Name internal'; Remarks = 'Starts the creation and checks on it later.' }
        )
        Links       = @('New-VaultCertificatePolicy', 'Get-VaultCertificate', 'Get-VaultCertificateOperation', 'Import-VaultCertificate')
    }

    'New-VaultCertificatePolicy' = @{
        Synopsis    = 'Makes a certificate policy object (no request to the vault).'
        Description = @'
New-VaultCertificatePolicy builds a VaultTools.VaultCertificatePolicy locally, checked against Key Vault's rules at once (a bad value is an InvalidArgument error naming the parameter). Use it with Add-VaultCertificate -Policy to create certificates, or with Set-VaultCertificatePolicy to replace the policy of an existing certificate. The issuer is Self (self-signed).

Parameters that are not given stay empty, and the vault applies its defaults: RSA 2048, PKCS#12, 12 months, exportable key.
'@
        Parameters  = @{
            SubjectName               = 'The X.500 subject, for example ''CN=www.contoso.com'' or ''CN=api, O=Contoso, C=NL''. Required unless -DnsName is given.'
            DnsName                   = 'DNS names for the subject alternative name extension, for example www.contoso.com or *.contoso.com.'
            ValidityInMonths          = 'How long each version is valid: 1 to 1200 months (the vault''s default is 12).'
            KeyType                   = 'The key type: RSA (default), EC, or RSA-HSM / EC-HSM (Premium vaults only).'
            KeySize                   = 'The RSA key size: 2048 (default), 3072 or 4096. For EC keys choose -CurveName instead.'
            CurveName                 = 'The elliptic curve of an EC key: P-256 (default), P-384, P-521 or P-256K. Implies -KeyType EC.'
            ContentType               = 'The format of the backing secret: Pkcs12 (default, PFX) or Pem.'
            ReuseKey                  = 'Keep the same key pair when the certificate is renewed.'
            Exportable                = 'Whether the private key can be read from the backing secret (the vault''s default is yes). -Exportable:$false keeps the key in the vault: Export-VaultCertificate then only writes the public certificate.'
            RenewAtPercentageLifetime = 'Renew automatically at this percentage of each version''s lifetime (1 to 99).'
            RenewAtDaysBeforeExpiry   = 'Renew automatically this many days before expiry (1 to ValidityInMonths x 27). Not together with -RenewAtPercentageLifetime.'
            EmailAtPercentageLifetime = 'E-mail the vault''s certificate contacts at this percentage of the lifetime (1 to 99).'
            EmailAtDaysBeforeExpiry   = 'E-mail the vault''s certificate contacts this many days before expiry. Not together with -EmailAtPercentageLifetime.'
            KeyUsage                  = 'Key usages, for example digitalSignature, keyEncipherment (the vault''s default for RSA).'
            EnhancedKeyUsage          = 'Enhanced key usages as OIDs, for example 1.3.6.1.5.5.7.3.1 (server authentication) and 1.3.6.1.5.5.7.3.2 (client authentication).'
        }
        Examples    = @(
            @{ Code = '$policy = New-VaultCertificatePolicy -SubjectName ''CN=www.contoso.com'' -DnsName www.contoso.com -ValidityInMonths 6 -RenewAtPercentageLifetime 80
Add-VaultCertificate -Name web -Policy $policy'; Remarks = 'Creates a certificate from a reusable policy.' }
            @{ Code = 'New-VaultCertificatePolicy -SubjectName ''CN=web'' -ValidityInMonths 24 | Set-VaultCertificatePolicy -Name web'; Remarks = 'Replaces the policy of the certificate web: its next version will be valid for 24 months.' }
        )
        Links       = @('Add-VaultCertificate', 'Set-VaultCertificatePolicy', 'Get-VaultCertificatePolicy')
    }

    'Import-VaultCertificate' = @{
        Synopsis    = 'Imports a certificate with its private key from a PFX or PEM file.'
        Description = @'
Import-VaultCertificate imports a certificate and its private key into a vault, as a new version of the named certificate. The file is a PFX (PKCS#12, .pfx/.p12) or a PEM file with the certificate(s) and the private key (PKCS#8, PKCS#1 or SEC1; an ENCRYPTED PRIVATE KEY is decrypted locally with -Password, which needs PowerShell 7).

The file is opened locally before anything is sent: a wrong password is the error InvalidCertificatePassword (InvalidArgument, naming -Password), a file without a private key is CertificateFileHasNoPrivateKey, and nothing is imported. A PFX keeps its format (backing secret application/x-pkcs12); a PEM file is stored as PEM (application/x-pem-file).
'@
        Parameters  = @{
            Name     = 'The name of the certificate in the vault. Binds from the pipeline by property name.'
            FilePath = 'The PFX or PEM file. Binds from the pipeline by the properties FilePath, Path or FullName.'
            Password = 'The password of the PFX file (or of an encrypted PEM key), as a SecureString.'
            Tag      = 'Tags as a hashtable of names to values (at most 15).'
            Disable  = 'Import the certificate disabled.'
        }
        Examples    = @(
            @{ Title = 'Import a PFX file'; Code = '$password = Read-Host -AsSecureString -Prompt ''PFX password''
Import-VaultCertificate -Name web -FilePath ./web.pfx -Password $password'; Remarks = 'Imports the certificate and private key of web.pfx as the certificate web.' }
            @{ Title = 'Import a PEM file'; Code = 'Import-VaultCertificate -Name api -FilePath ./api.pem -Tag @{ Owner = ''team-a'' }'; Remarks = 'Imports a PEM file with the certificate and its unencrypted private key.' }
        )
        Links       = @('Export-VaultCertificate', 'Add-VaultCertificate', 'Get-VaultCertificate')
    }

    'Export-VaultCertificate' = @{
        Synopsis    = 'Writes a certificate to a file: PFX or PEM with the private key, or the public certificate.'
        Description = @'
Export-VaultCertificate writes a certificate to a file.

- Pfx: the certificate chain and the private key, read from the certificate's backing secret and protected with -Password (required).
- Pem: the private key (PKCS#8; encrypted with -Password when given, which needs PowerShell 7 for keys stored as PKCS#12) followed by the certificate chain.
- Cer: the public certificate only (DER). The backing secret is not read, so this works without permission to read secrets and for non-exportable keys.

Without -Format the format follows the file extension: .pem is Pem; .cer, .crt and .der are Cer; anything else is Pfx. A certificate whose policy makes the key non-exportable has no private key in its secret: Pfx and Pem exports then fail with CertificateKeyNotExportable.

An existing file is never replaced unless -Force is given (OutputFileExists, checked before any request). The file is written atomically and, on Linux and macOS, readable by its owner only. The private key and the password never appear in messages.
'@
        Parameters  = @{
            Name     = 'The name of the certificate. Binds from the pipeline by property name.'
            Version  = 'The version to export; without it, the latest. Binds from the pipeline by property name.'
            FilePath = 'The file to write.'
            Format   = 'Pfx, Pem or Cer. By default from the file extension.'
            Password = 'The password that protects the private key in the file, as a SecureString. Required for Pfx; optional for Pem (encrypts the key).'
            Force    = 'Replace the file if it exists.'
        }
        Examples    = @(
            @{ Title = 'Export with the private key'; Code = '$password = Read-Host -AsSecureString -Prompt ''PFX password''
Export-VaultCertificate -Name web -FilePath ./web.pfx -Password $password'; Remarks = 'Writes web.pfx with the certificate chain and private key, protected by the password.' }
            @{ Title = 'Export the public certificate'; Code = 'Export-VaultCertificate -Name web -FilePath ./web.cer'; Remarks = 'Writes the public certificate only; no secret is read.' }
            @{ Title = 'Copy a certificate to another vault'; Code = '$password = Read-Host -AsSecureString
Export-VaultCertificate -Name web -FilePath ./web.pfx -Password $password
Import-VaultCertificate -Name web -FilePath ./web.pfx -Password $password -VaultName contoso-kv-dr'; Remarks = 'Export then import: the round trip keeps the key pair and the chain.' }
        )
        Links       = @('Import-VaultCertificate', 'Get-VaultCertificate')
    }

    'Remove-VaultCertificate' = @{
        Synopsis    = 'Deletes certificates (soft delete), or purges deleted certificates.'
        Description = @'
Remove-VaultCertificate deletes a certificate with all its versions, together with its backing key and backing secret. Deleted certificates stay recoverable (Undo-VaultCertificateRemoval) until their scheduled purge date; Get-VaultCertificate -InRemovedState lists them.

With -InRemovedState it purges a certificate that is already deleted (permanent). With -Purge it deletes, waits until the vault shows the deletion (bounded to 3 minutes, with a progress bar), then purges; for a batch, every deletion is sent first and the waits overlap.

High impact: PowerShell asks for confirmation unless -Force or -Confirm:$false is given; -WhatIf shows what would be deleted. A failure for one certificate of a batch is a non-terminating error whose target is its name; the others are still processed.
'@
        Parameters  = @{
            Name           = 'The name of the certificate to delete (or, with -InRemovedState, to purge). Binds from the pipeline by property name.'
            InRemovedState = 'Purge a certificate that is already in the deleted state. Purging is permanent.'
            Purge          = 'Delete the certificate and purge it in one call (permanent).'
            Force          = 'Do not ask for confirmation. -WhatIf and an explicit -Confirm still apply.'
            PassThru       = 'Return the deleted certificate (VaultTools.DeletedVaultCertificate).'
        }
        Examples    = @(
            @{ Code = 'Remove-VaultCertificate -Name web -Force'; Remarks = 'Soft-deletes the certificate web with its key and secret.' }
            @{ Code = 'Get-VaultCertificate -Name ''test-*'' | Remove-VaultCertificate -Purge -Force'; Remarks = 'Deletes and purges every certificate whose name starts with test-.' }
            @{ Code = 'Remove-VaultCertificate -Name web -InRemovedState -Force'; Remarks = 'Purges the deleted certificate web.' }
        )
        Links       = @('Undo-VaultCertificateRemoval', 'Get-VaultCertificate', 'Backup-VaultCertificate')
    }

    'Undo-VaultCertificateRemoval' = @{
        Synopsis    = 'Recovers deleted certificates.'
        Description = @'
Undo-VaultCertificateRemoval recovers a soft-deleted certificate with all its versions, its policy, its backing key and its backing secret. It waits (bounded to 3 minutes, with a progress bar) until the certificate can be read again and returns it. If the wait ends first, a warning says so; the recovery still completes on its own.
'@
        Parameters  = @{
            Name = 'The name of the deleted certificate. Binds from the pipeline by property name; tab completion offers deleted certificates.'
        }
        Examples    = @(
            @{ Code = 'Undo-VaultCertificateRemoval -Name web'; Remarks = 'Recovers the certificate web.' }
            @{ Code = 'Get-VaultCertificate -InRemovedState | Undo-VaultCertificateRemoval'; Remarks = 'Recovers every deleted certificate of the vault.' }
        )
        Links       = @('Remove-VaultCertificate', 'Get-VaultCertificate')
    }

    'Backup-VaultCertificate' = @{
        Synopsis    = 'Backs up certificates to files.'
        Description = @'
Backup-VaultCertificate writes a Key Vault backup of a certificate (every version, its policy, backing key and backing secret, encrypted by Key Vault; restorable in the same subscription and geography) to a file and returns the file.

Without -OutputFile the file is <vault>-<name>-<yyyyMMddHHmmss>.blob in the current folder. An existing file is never replaced unless -Force is given; the file is written atomically and, on Linux and macOS, readable by its owner only.
'@
        Parameters  = @{
            Name       = 'The name of the certificate to back up. Binds from the pipeline by property name.'
            OutputFile = 'The file to write. By default <vault>-<name>-<yyyyMMddHHmmss>.blob in the current folder.'
            Force      = 'Replace the file if it exists.'
        }
        Examples    = @(
            @{ Code = 'Backup-VaultCertificate -Name web -OutputFile ./web.blob'; Remarks = 'Writes the backup of the certificate web.' }
            @{ Code = 'Get-VaultCertificate | Backup-VaultCertificate'; Remarks = 'Backs up every certificate of the vault, one file each.' }
        )
        Links       = @('Restore-VaultCertificate')
    }

    'Restore-VaultCertificate' = @{
        Synopsis    = 'Restores certificates from backup files.'
        Description = @'
Restore-VaultCertificate restores a certificate (every version, policy, backing key and secret) from a file written by Backup-VaultCertificate. No certificate, key or secret of that name may exist in the vault, not even deleted: otherwise the vault refuses with VaultCertificateConflict. It returns the restored certificate.
'@
        Parameters  = @{
            InputFile = 'The backup file. Binds from the pipeline by the property FullName.'
        }
        Examples    = @(
            @{ Code = 'Restore-VaultCertificate -InputFile ./web.blob'; Remarks = 'Restores the certificate web.' }
            @{ Code = 'Backup-VaultCertificate -Name web | Restore-VaultCertificate -VaultName contoso-kv-dr'; Remarks = 'Copies the certificate into a vault of the same subscription and geography.' }
        )
        Links       = @('Backup-VaultCertificate')
    }

    'Get-VaultCertificatePolicy' = @{
        Synopsis    = 'Gets a certificate''s policy.'
        Description = @'
Get-VaultCertificatePolicy returns the policy of a certificate (VaultTools.VaultCertificatePolicy): issuer, subject and DNS names, validity, key type and size or curve, exportability, content type of the backing secret, key usages and lifetime actions (auto-renew, e-mail). The policy governs the next version, made by renewal. Its properties can be changed and the object passed to Set-VaultCertificatePolicy or Add-VaultCertificate -Policy.
'@
        Parameters  = @{
            Name = 'The name of the certificate. Binds from the pipeline by property name.'
        }
        Examples    = @(
            @{ Code = 'Get-VaultCertificatePolicy -Name web'; Remarks = 'Shows how the vault issues and renews the certificate web.' }
            @{ Code = 'Get-VaultCertificate | Get-VaultCertificatePolicy | Where-Object { -not $_.RenewAtPercentageLifetime -and -not $_.RenewAtDaysBeforeExpiry } | Select-Object Name'; Remarks = 'Lists the certificates that are not renewed automatically.' }
        )
        Links       = @('Set-VaultCertificatePolicy', 'New-VaultCertificatePolicy')
    }

    'Set-VaultCertificatePolicy' = @{
        Synopsis    = 'Replaces a certificate''s policy.'
        Description = @'
Set-VaultCertificatePolicy writes a policy object to a certificate: one made by New-VaultCertificatePolicy, or one read with Get-VaultCertificatePolicy and changed. The policy applies to the next version (renewal); the current version is not changed. Properties of the object that are empty are not sent, so the vault keeps their current values.

The policy is checked before any request, like New-VaultCertificatePolicy does.
'@
        Parameters  = @{
            Name     = 'The name of the certificate. Binds from the pipeline by property name (a policy from Get-VaultCertificatePolicy carries it).'
            Policy   = 'The policy to write. Accepts pipeline input.'
            PassThru = 'Return the policy as the vault stored it.'
        }
        Examples    = @(
            @{ Title = 'Change one setting'; Code = '$policy = Get-VaultCertificatePolicy -Name web
$policy.ValidityInMonths = 6
$policy.RenewAtPercentageLifetime = 75
Set-VaultCertificatePolicy -Name web -Policy $policy'; Remarks = 'Reads the policy, changes validity and renewal, writes it back.' }
            @{ Code = 'New-VaultCertificatePolicy -SubjectName ''CN=www.contoso.com'' -DnsName www.contoso.com, shop.contoso.com | Set-VaultCertificatePolicy -Name web -PassThru'; Remarks = 'Adds a DNS name for the next version of web.' }
        )
        Links       = @('Get-VaultCertificatePolicy', 'New-VaultCertificatePolicy')
    }

    'Get-VaultCertificateOperation' = @{
        Synopsis    = 'Gets the state of a certificate''s pending operation.'
        Description = @'
Get-VaultCertificateOperation returns the pending operation of a certificate (VaultTools.CertificateOperationStatus): its status (inProgress, completed, failed, cancelled), status details, error, issuer and target. Use it after Add-VaultCertificate -NoWait, or to follow a renewal.
'@
        Parameters  = @{
            Name = 'The name of the certificate. Binds from the pipeline by property name.'
        }
        Examples    = @(
            @{ Code = 'Get-VaultCertificateOperation -Name web'; Remarks = 'Shows whether the certificate web is still being created.' }
            @{ Code = 'Add-VaultCertificate -Name web -SubjectName ''CN=web'' -NoWait | Out-Null
do { Start-Sleep 2; $op = Get-VaultCertificateOperation -Name web } while ($op.Status -eq ''inProgress'')
$op.Status'; Remarks = 'Waits in a script for a creation started with -NoWait.' }
        )
        Links       = @('Add-VaultCertificate')
    }


    'Get-VaultKey' = @{
        Synopsis    = 'Gets a key, lists keys or a key''s versions, or gets soft-deleted keys.'
        Description = @'
Get-VaultKey reads keys from Azure Key Vault. A key bundle never contains private key material: what comes back is the key's properties and its public key.

- With an exact -Name it returns the key (the latest version, or -Version) as a VaultTools.VaultKey: type, size or curve, permitted operations, dates, tags and the public key in the Key property (Key.ToRSA() and Key.ToECDsa() make it usable locally, for example to encrypt or to verify a signature without the vault; Key.Pem and Key.Json are the same public key as PEM and as JWK JSON).
- With a wildcard -Name (or no -Name) it lists the matching keys' properties.
- With -IncludeVersions it lists every version of the key(s), newest first.
- With -Id it reads the key at its own URL (https://<vault>/keys/<name>[/<version>]).
- With -InRemovedState it gets a soft-deleted key by exact name, or lists the soft-deleted keys matching a wildcard, with their deletion and scheduled purge dates.

A missing key is the non-terminating error VaultKeyNotFound (ObjectNotFound).
'@
        Parameters  = @{
            Name            = 'The key''s name. Wildcards list matching keys (properties only). Tab completion offers the names in the vault.'
            Version         = 'A version of the key (32 hexadecimal characters). Without it, the latest version.'
            IncludeVersions = 'List every version of the key (or of each key matching a wildcard), newest first.'
            InRemovedState  = 'Get or list soft-deleted keys instead of active ones.'
            Id              = 'The key''s URL, with or without a version, for example https://contoso-kv.vault.azure.net/keys/cmk/0123456789abcdef0123456789abcdef.'
        }
        Examples    = @(
            @{ Code = 'Get-VaultKey -Name cmk'; Remarks = 'Shows the current version of the key cmk: type, size, operations, dates.' }
            @{ Code = 'Get-VaultKey -Name ''app-*'' | Format-Table Name, Enabled, Expires'; Remarks = 'Lists the keys whose names start with app-.' }
            @{ Code = '(Get-VaultKey -Name cmk).Key.Pem | Set-Content ./cmk.pub.pem'; Remarks = 'Saves the public key as PEM, for openssl or another system that encrypts for this key.' }
            @{ Code = 'Get-VaultKey -InRemovedState'; Remarks = 'Lists the soft-deleted keys with their scheduled purge dates.' }
        )
        Links       = @('Add-VaultKey', 'Remove-VaultKey', 'Undo-VaultKeyRemoval', 'Protect-VaultData')
    }

    'Add-VaultKey' = @{
        Synopsis    = 'Creates a key in the vault, or imports a key pair.'
        Description = @'
Add-VaultKey makes a new key, or a new version of an existing key.

Create: -KeyType RSA (default, -Size 2048, 3072 or 4096) or EC (-CurveName P-256, P-384, P-521 or P-256K). -Destination HSM creates a hardware-protected key (RSA-HSM or EC-HSM); Key Vault allows these only in premium-tier vaults and refuses them in standard-tier vaults, which VaultTools reports as HsmKeyNotAllowedOnStandardVault.

Import: -KeyFilePath imports the key pair of a PFX/PKCS#12 file (with -KeyFilePassword) or of a PEM private key (PowerShell 7); -JsonWebKey imports a JSON web key that includes its private parameters. The private key is sent to the vault once and never written anywhere else.

Everything is checked before a request is sent: the name, RSA sizes, curves, key operations (EC keys only sign and verify), tags and dates. Exportable keys are not offered: Key Vault requires a release policy for them, which VaultTools does not manage. Supports -WhatIf and -Confirm.
'@
        Parameters  = @{
            Name            = 'The key''s name: 1 to 127 letters, digits and hyphens.'
            KeyType         = 'RSA (default) or EC. Use -Destination HSM for RSA-HSM or EC-HSM.'
            Size            = 'The RSA key size in bits: 2048 (the service''s default), 3072 or 4096.'
            CurveName       = 'The elliptic curve of an EC key: P-256 (the service''s default), P-384, P-521 or P-256K.'
            KeyFilePath     = 'A .pfx/.p12 file (with -KeyFilePassword) or a .pem file with the private key to import.'
            KeyFilePassword = 'The password of the PFX file, or of an encrypted PEM key, as a SecureString.'
            JsonWebKey      = 'A JSON web key (RFC 7517) with its private parameters (d, p, q, ... or d for EC), as JSON text.'
            Destination     = 'Software (default) or HSM. HSM keys need a premium-tier vault.'
            KeyOps          = 'The operations the key may be used for: encrypt, decrypt, sign, verify, wrapKey, unwrapKey. Without it, the service''s default for the key type.'
            Expires         = 'When the key version expires.'
            NotBefore       = 'The time before which the key version should not be used.'
            Tag             = 'Tags as a hashtable of names to values, at most 15.'
            Disable         = 'Create the version disabled: it cannot be used until it is enabled with Update-VaultKey -Enable $true.'
        }
        Examples    = @(
            @{ Code = 'Add-VaultKey -Name cmk -KeyType RSA -Size 3072 -KeyOps wrapKey, unwrapKey -Expires (Get-Date).AddYears(2)'; Remarks = 'Creates an RSA 3072 key for wrapping data encryption keys (customer-managed keys), valid for two years.' }
            @{ Code = 'Add-VaultKey -Name signer -KeyType EC -CurveName P-384 -Destination HSM'; Remarks = 'Creates an EC-HSM signing key on the P-384 curve (premium vaults only).' }
            @{ Code = 'Add-VaultKey -Name imported -KeyFilePath ./key.pfx -KeyFilePassword (Read-Host -AsSecureString -Prompt ''PFX password'')'; Remarks = 'Imports the key pair of a PFX file.' }
        )
        Links       = @('Get-VaultKey', 'Update-VaultKey', 'Set-VaultKeyRotationPolicy')
    }

    'Update-VaultKey' = @{
        Synopsis    = 'Changes a key version''s enabled state, dates, tags or permitted operations.'
        Description = 'Update-VaultKey changes the attributes of one key version (the latest unless -Version or -Id names another). Properties not given stay as they are; -Tag replaces all tags (an empty hashtable removes them). A key''s material cannot be changed: make a new version with Add-VaultKey or Invoke-VaultKeyRotation. Supports -WhatIf and -Confirm.'
        Parameters  = @{
            Name     = 'The key''s name.'
            Version  = 'The version to change. Without it, the latest version.'
            Id       = 'The key''s URL, with or without a version.'
            Enable   = '$true enables the version, $false disables it (a disabled key cannot be used for any operation).'
            Expires  = 'The new expiry date.'
            NotBefore = 'The new not-before date.'
            Tag      = 'Tags that replace the current ones (at most 15); @{} removes them all.'
            KeyOps   = 'The operations the key may be used for from now on: encrypt, decrypt, sign, verify, wrapKey, unwrapKey.'
            PassThru = 'Return the updated key.'
        }
        Examples    = @(
            @{ Code = 'Update-VaultKey -Name cmk -Enable $false'; Remarks = 'Disables the current version of cmk.' }
            @{ Code = 'Get-VaultKey -Name ''legacy-*'' | Update-VaultKey -Expires (Get-Date).AddDays(30) -Tag @{ Retire = ''yes'' } -PassThru'; Remarks = 'Gives every legacy key an expiry date and a tag.' }
        )
        Links       = @('Get-VaultKey', 'Add-VaultKey')
    }

    'Remove-VaultKey' = @{
        Synopsis    = 'Deletes keys (soft delete), or purges deleted keys.'
        Description = @'
Remove-VaultKey deletes a key with all its versions. Vaults keep deleted keys recoverable (soft delete) until their scheduled purge date: Get-VaultKey -InRemovedState lists them and Undo-VaultKeyRemoval brings them back. Meanwhile the name cannot be reused (VaultKeyDeletedButRecoverable).

With -InRemovedState it purges a key that is already deleted: that is permanent, data encrypted or wrapped with the key can no longer be decrypted, and the name is free again. With -Purge it does both in one call: it deletes, waits until the vault shows the key as deleted (Key Vault finishes a deletion after a delay, about a minute on Azure; the wait is bounded to 3 minutes and shows a progress bar), then purges. When many names are piped in, every deletion is sent first and the waits overlap. If the deletion is still not visible at the end of the wait, the key is not purged and the error VaultKeyDeletionPending says so; purge it later with -InRemovedState.

Without -Purge the cmdlet does not wait: the vault has accepted the deletion when it returns, and the deleted key may take a moment to appear in Get-VaultKey -InRemovedState.

This is a high-impact operation: PowerShell asks for confirmation unless -Force or -Confirm:$false is given; -WhatIf shows what would be deleted. A failure for one key of a batch (not found, access denied) is a non-terminating error whose target is that key's name; the other keys are still processed.
'@
        Parameters  = @{
            Name           = 'The name of the key to delete (or, with -InRemovedState, to purge). Binds from the pipeline by property name, so the output of Get-VaultKey can be piped in.'
            InRemovedState = 'Purge a key that is already in the deleted state. Purging is permanent.'
            Purge          = 'Delete the key and purge it in one call (permanent). Waits, bounded, until the deletion is visible before purging.'
            Force          = 'Do not ask for confirmation. -WhatIf still only shows what would happen, and an explicit -Confirm still asks.'
            PassThru       = 'Return the deleted key (VaultTools.DeletedVaultKey: recovery id, deletion date, scheduled purge date).'
        }
        Examples    = @(
            @{ Title = 'Delete a key (recoverable)'; Code = 'Remove-VaultKey -Name old-key -Force -PassThru'; Remarks = 'Soft-deletes old-key without asking and shows until when it can be recovered with Undo-VaultKeyRemoval.' }
            @{ Title = 'Delete and purge every test key'; Code = 'Get-VaultKey -Name ''test-*'' | Remove-VaultKey -Purge -Force'; Remarks = 'Deletes every key whose name starts with test-, waits until the deletions are visible and purges them, so the names can be reused at once.' }
            @{ Title = 'Purge keys that were deleted earlier'; Code = 'Get-VaultKey -InRemovedState -Name ''test-*'' | Remove-VaultKey -InRemovedState -Force'; Remarks = 'Purges every soft-deleted key whose name starts with test-.' }
            @{ Title = 'See what would be deleted'; Code = 'Get-VaultKey -Name ''app-*'' | Remove-VaultKey -Purge -WhatIf'; Remarks = 'Lists the keys that would be deleted and purged, without changing anything.' }
        )
        Links       = @('Undo-VaultKeyRemoval', 'Get-VaultKey', 'Backup-VaultKey')
    }

    'Undo-VaultKeyRemoval' = @{
        Synopsis    = 'Recovers deleted keys.'
        Description = @'
Undo-VaultKeyRemoval recovers a soft-deleted key with all its versions, tags and rotation policy, under the same name; it works until the key's scheduled purge date. Key Vault finishes a recovery after a delay, so the cmdlet waits (bounded to 3 minutes, with a progress bar) until the key can be read again, then returns it. When many names are piped in, every recovery is sent first and the waits overlap. If the wait ends before the vault shows the key, a warning says so; the recovery still completes on its own.

A name that is not in the deleted state is the non-terminating error VaultKeyNotFound. Supports -WhatIf and -Confirm.
'@
        Parameters  = @{
            Name = 'The name of the deleted key. Binds from the pipeline by property name, so the output of Get-VaultKey -InRemovedState can be piped in. Tab completion offers the names of deleted keys.'
        }
        Examples    = @(
            @{ Title = 'Recover one key'; Code = 'Undo-VaultKeyRemoval -Name cmk'; Remarks = 'Recovers the key cmk and returns it once it can be read.' }
            @{ Title = 'Recover every deleted key'; Code = 'Get-VaultKey -InRemovedState | Undo-VaultKeyRemoval'; Remarks = 'Recovers every soft-deleted key of the vault.' }
        )
        Links       = @('Remove-VaultKey', 'Get-VaultKey')
    }

    'Backup-VaultKey' = @{
        Synopsis    = 'Backs up a key to a file.'
        Description = 'Backup-VaultKey writes the key''s protected backup blob (all versions) to a file and returns the file. The file is written atomically and is readable by its owner only (on Unix). The blob is encrypted by Key Vault and can only be restored into a vault in the same Azure geography and subscription, with Restore-VaultKey. An existing file is not overwritten unless -Force is given; that is checked before anything is sent. Supports -WhatIf.'
        Parameters  = @{
            Name       = 'The key''s name.'
            OutputFile = 'The file to write. By default <vault>-<name>-<yyyyMMddHHmmss>.blob in the current folder, so a piped batch writes one file per key.'
            Force      = 'Overwrite the file if it exists.'
        }
        Examples    = @(
            @{ Code = 'Backup-VaultKey -Name cmk -OutputFile ./cmk.keybackup'; Remarks = 'Writes the backup of cmk to cmk.keybackup.' }
            @{ Code = 'Get-VaultKey | ForEach-Object { Backup-VaultKey -Name $_.Name -OutputFile "./backup/$($_.Name).keybackup" -Force }'; Remarks = 'Backs up every key of the vault, replacing older backups.' }
        )
        Links       = @('Restore-VaultKey')
    }

    'Restore-VaultKey' = @{
        Synopsis    = 'Restores a key from a backup file.'
        Description = 'Restore-VaultKey restores a key, with all its versions and its name, from a file made by Backup-VaultKey, and returns it. The name must not be in use (not even by a soft-deleted key: purge it first). Supports -WhatIf and -Confirm.'
        Parameters  = @{
            InputFile = 'The backup file. Binds from the FullName of a file object, so the output of Backup-VaultKey and Get-ChildItem pipes in.'
        }
        Examples    = @(
            @{ Code = 'Restore-VaultKey -InputFile ./cmk.keybackup'; Remarks = 'Restores the key cmk.' }
            @{ Code = 'Get-ChildItem ./backup/*.keybackup | Restore-VaultKey -VaultName contoso-kv-dr'; Remarks = 'Restores every backed-up key into another vault of the same geography.' }
        )
        Links       = @('Backup-VaultKey')
    }

    'Get-VaultKeyRotationPolicy' = @{
        Synopsis    = 'Gets a key''s rotation policy.'
        Description = 'Get-VaultKeyRotationPolicy returns when Key Vault rotates the key (RotateAfterCreate or RotateBeforeExpiry), when it sends the near-expiry event (NotifyBeforeExpiry) and how long versions made by rotation live (ExpiresIn), as ISO 8601 durations. A key without a policy of its own has the service''s default policy.'
        Parameters  = @{
            Name = 'The key''s name.'
        }
        Examples    = @(
            @{ Code = 'Get-VaultKeyRotationPolicy -Name cmk'; Remarks = 'Shows the rotation policy of cmk.' }
            @{ Code = 'Get-VaultKey | Get-VaultKeyRotationPolicy | Where-Object { -not $_.RotateAfterCreate -and -not $_.RotateBeforeExpiry }'; Remarks = 'Finds the keys that are never rotated automatically.' }
        )
        Links       = @('Set-VaultKeyRotationPolicy', 'Invoke-VaultKeyRotation')
    }

    'Set-VaultKeyRotationPolicy' = @{
        Synopsis    = 'Sets a key''s rotation policy.'
        Description = @'
Set-VaultKeyRotationPolicy replaces a key's rotation policy. Durations are ISO 8601 strings (P90D for 90 days, P18M for 18 months, P2Y for two years) or TimeSpans, for example (New-TimeSpan -Days 90).

The policy is checked before it is sent, with the rules Microsoft documents: versions made by rotation must live at least 28 days (-ExpiresIn); rotation happens at least 7 days after creation and at least 7 days before expiry; rotating or notifying before expiry needs -ExpiresIn; a rotation has one trigger (-RotateAfterCreate or -RotateBeforeExpiry); the notification comes at least 7 days before expiry. Months count as 30 days and years as 365 for these checks. Supports -WhatIf and -Confirm.
'@
        Parameters  = @{
            Name               = 'The key''s name.'
            ExpiresIn          = 'How long versions made by rotation live, at least 28 days (P28D).'
            RotateAfterCreate  = 'Rotate this long after a version was created, at least 7 days.'
            RotateBeforeExpiry = 'Rotate this long before a version expires, at least 7 days; needs -ExpiresIn.'
            NotifyBeforeExpiry = 'Send the near-expiry event (Event Grid) this long before a version expires, at least 7 days; needs -ExpiresIn.'
            PassThru           = 'Return the policy as the vault stored it.'
        }
        Examples    = @(
            @{ Code = 'Set-VaultKeyRotationPolicy -Name cmk -RotateAfterCreate P18M -ExpiresIn P2Y -NotifyBeforeExpiry P30D -PassThru'; Remarks = 'Rotates cmk every 18 months; versions expire after two years, with a notification 30 days before.' }
            @{ Code = 'Set-VaultKeyRotationPolicy -Name signer -RotateBeforeExpiry (New-TimeSpan -Days 30) -ExpiresIn (New-TimeSpan -Days 365)'; Remarks = 'Rotates 30 days before each version''s one-year expiry, with durations given as TimeSpans.' }
        )
        Links       = @('Get-VaultKeyRotationPolicy', 'Invoke-VaultKeyRotation')
    }

    'Invoke-VaultKeyRotation' = @{
        Synopsis    = 'Rotates a key now.'
        Description = 'Invoke-VaultKeyRotation asks the vault to make a new version of the key at once (POST /keys/<name>/rotate), with the same type, size and operations, and with the expiry of its rotation policy. The new version is returned and becomes the current one; older versions stay usable to decrypt and verify. Supports -WhatIf and -Confirm.'
        Parameters  = @{
            Name = 'The key''s name.'
        }
        Examples    = @(
            @{ Code = 'Invoke-VaultKeyRotation -Name cmk'; Remarks = 'Makes a new version of cmk now.' }
            @{ Code = 'Get-VaultKey -Name ''tenant-*'' | Invoke-VaultKeyRotation -WhatIf'; Remarks = 'Shows which keys would be rotated.' }
        )
        Links       = @('Set-VaultKeyRotationPolicy', 'Get-VaultKey')
    }

    'Protect-VaultData' = @{
        Synopsis    = 'Encrypts a value, or wraps a key, with an RSA key in the vault.'
        Description = @'
Protect-VaultData encrypts up to one RSA block (for example a 32-byte symmetric key) with a key in the vault; the private key never leaves the vault. With -Wrap it uses the vault's wrapKey operation, meant for symmetric keys and allowed to the Key Vault Crypto Service Encryption User role; without it, encrypt. The algorithm is RSA-OAEP-256 unless -Algorithm names RSA-OAEP or RSA1_5 (both kept for compatibility only).

The result is a VaultTools.KeyOperationResult: the key version used (KeyId), the algorithm and the Result bytes, with Base64 and Base64Url forms. Pipe it into Unprotect-VaultData to get the value back. Because encryption needs only the public key, the same can be done without the vault: (Get-VaultKey -Name k).Key.ToRSA().Encrypt($bytes, [Security.Cryptography.RSAEncryptionPadding]::OaepSHA256).

The value is checked before anything is sent: RSA-OAEP-256 with a 2048-bit key takes at most 190 bytes. To protect larger data, encrypt it with a symmetric key and protect that key (envelope encryption). To pass a byte array down the pipeline as one value, write ,$bytes | Protect-VaultData.
'@
        Parameters  = @{
            Name      = 'The key''s name.'
            Version   = 'The key version to use. Without it, the latest version.'
            Id        = 'The key''s URL, with or without a version. Binds from the KeyId of a previous result.'
            Algorithm = 'RSA-OAEP-256 (default), RSA-OAEP or RSA1_5.'
            Value     = 'The bytes to encrypt or wrap.'
            Wrap      = 'Use the vault''s wrapKey operation instead of encrypt.'
        }
        Examples    = @(
            @{ Code = '$dek = [byte[]]::new(32); [Security.Cryptography.RandomNumberGenerator]::Fill($dek)
$wrapped = Protect-VaultData -Name cmk -Value $dek -Wrap
[IO.File]::WriteAllBytes(''./dek.wrapped'', $wrapped.Result)'; Remarks = 'Makes a random data encryption key and stores it wrapped by the vault key cmk.' }
            @{ Code = '$secret = [Text.Encoding]::UTF8.GetBytes(''p@ssw0rd'')
(Protect-VaultData -Name app-key -Value $secret).Base64'; Remarks = 'Encrypts a short string and prints the ciphertext as base64.' }
        )
        Links       = @('Unprotect-VaultData', 'Get-VaultKey')
    }

    'Unprotect-VaultData' = @{
        Synopsis    = 'Decrypts a value, or unwraps a key, with an RSA key in the vault.'
        Description = 'Unprotect-VaultData decrypts (or, with -Unwrap, unwraps) a value with a key in the vault and returns a VaultTools.KeyOperationResult whose Result holds the plaintext bytes. The output of Protect-VaultData pipes straight in: its Result, KeyId (the exact key version) and Algorithm bind by property name. The ciphertext must be exactly as long as the key''s modulus (256 bytes for RSA 2048); that is checked before anything is sent. The default view shows only the length of the result, never the plaintext.'
        Parameters  = @{
            Name      = 'The key''s name.'
            Version   = 'The key version that encrypted the value. Without it, the latest version.'
            Id        = 'The key''s URL with version. Binds from the KeyId of Protect-VaultData''s result.'
            Algorithm = 'The algorithm the value was encrypted with: RSA-OAEP-256 (default), RSA-OAEP or RSA1_5.'
            Value     = 'The ciphertext or wrapped key. Binds from the Result property of Protect-VaultData''s output.'
            Unwrap    = 'Use the vault''s unwrapKey operation instead of decrypt.'
        }
        Examples    = @(
            @{ Code = '$dek = (Unprotect-VaultData -Name cmk -Value ([IO.File]::ReadAllBytes(''./dek.wrapped'')) -Unwrap).Result'; Remarks = 'Unwraps the data encryption key stored by the Protect-VaultData example.' }
            @{ Code = '$protected = Protect-VaultData -Name app-key -Value ([Text.Encoding]::UTF8.GetBytes(''hello''))
[Text.Encoding]::UTF8.GetString(($protected | Unprotect-VaultData).Result)'; Remarks = 'Round trip: the result of Protect-VaultData carries the key version and algorithm to Unprotect-VaultData.' }
        )
        Links       = @('Protect-VaultData')
    }

    'New-VaultSignature' = @{
        Synopsis    = 'Signs data or a digest with a key in the vault.'
        Description = @'
New-VaultSignature signs with a key in the vault; the private key never leaves it. Give the data with -Value: it is hashed here with the SHA-2 the algorithm names (SHA-256 for RS256, PS256, ES256 and ES256K; SHA-384 for RS384, PS384, ES384; SHA-512 for RS512, PS512, ES512) and only the digest is sent. Or give a digest computed elsewhere with -Digest; its length must match the algorithm.

The algorithm defaults to RS256 for RSA keys and to the curve's algorithm for EC keys (ES256 for P-256, ES384 for P-384, ES512 for P-521, ES256K for P-256K); an algorithm that does not fit the key is refused before anything is sent. The result is a VaultTools.KeyOperationResult whose Result is the signature (for EC keys in the JWS form, r and s concatenated). Anyone can verify it with the public key: (Get-VaultKey -Name k).Key.ToECDsa().VerifyData($data, $signature, 'SHA256'), or with Test-VaultSignature.
'@
        Parameters  = @{
            Name      = 'The key''s name.'
            Version   = 'The key version to sign with. Without it, the latest version.'
            Id        = 'The key''s URL, with or without a version.'
            Algorithm = 'RS256, RS384, RS512, PS256, PS384, PS512 for RSA keys; ES256, ES384, ES512, ES256K for EC keys on the matching curve.'
            Value     = 'The data to sign; it is hashed locally.'
            Digest    = 'A digest computed elsewhere (32, 48 or 64 bytes, as the algorithm says), instead of -Value.'
        }
        Examples    = @(
            @{ Code = '$data = [IO.File]::ReadAllBytes(''./release.zip'')
$signature = New-VaultSignature -Name release-signer -Value $data
[IO.File]::WriteAllBytes(''./release.zip.sig'', $signature.Result)'; Remarks = 'Signs a file with the key release-signer.' }
            @{ Code = '$digest = [Security.Cryptography.SHA384]::HashData($data)
New-VaultSignature -Name signer -Digest $digest -Algorithm PS384'; Remarks = 'Signs a SHA-384 digest computed elsewhere with RSASSA-PSS.' }
        )
        Links       = @('Test-VaultSignature', 'Get-VaultKey')
    }

    'Test-VaultSignature' = @{
        Synopsis    = 'Checks a signature with a key in the vault.'
        Description = 'Test-VaultSignature asks the vault whether -Signature is a valid signature of -Value (hashed here with the algorithm''s SHA-2) or of -Digest, made with the key; it returns $true or $false. The output of New-VaultSignature pipes in: its Result (the signature), KeyId (the key version) and Algorithm bind by property name. Verification needs only the public key, so it can also be done without the vault with the key''s Key.ToRSA() or Key.ToECDsa().'
        Parameters  = @{
            Name      = 'The key''s name.'
            Version   = 'The key version that signed. Without it, the latest version.'
            Id        = 'The key''s URL with version. Binds from the KeyId of New-VaultSignature''s result.'
            Algorithm = 'The signature algorithm; defaults as in New-VaultSignature.'
            Value     = 'The signed data; it is hashed locally.'
            Digest    = 'The signed digest, instead of -Value.'
            Signature = 'The signature to check. Binds from the Result property of New-VaultSignature''s output.'
        }
        Examples    = @(
            @{ Code = 'Test-VaultSignature -Name release-signer -Value ([IO.File]::ReadAllBytes(''./release.zip'')) -Signature ([IO.File]::ReadAllBytes(''./release.zip.sig''))'; Remarks = 'Returns $true when the file has not changed since it was signed.' }
            @{ Code = '$data = [Text.Encoding]::UTF8.GetBytes(''message'')
New-VaultSignature -Name signer -Value $data | Test-VaultSignature -Value $data'; Remarks = 'Signs and checks in one pipeline; the key version and algorithm travel with the signature.' }
        )
        Links       = @('New-VaultSignature')
    }

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
