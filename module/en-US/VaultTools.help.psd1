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

    # ---- rotation, BitLocker ----
}
