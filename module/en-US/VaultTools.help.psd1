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


    # ---- access control: vaults, RBAC, access policies, tokens (issue 4) ----

    # ---- rotation, BitLocker ----
}
