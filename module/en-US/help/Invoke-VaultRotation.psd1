# Help for Invoke-VaultRotation: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Rotates the secrets, keys and certificates that are due, on a schedule or when Key Vault''s events say so.'
    Description = @'
Invoke-VaultRotation gives entries a new current version when their policy says they are due. The policy is in the entry's tags: RotationInterval (an ISO 8601 duration such as P1M or P30D: a version older than this is due) and RotationNotice (a version that expires within this is due); -Interval and -Notice apply to entries without those tags. "Now" is the vault's time (the Date header of its answers), so a machine with a wrong clock, or an emulator whose clock was moved forward, decides by the vault's clock. Deciding reads only the vault's lists (properties, never values): -All over a large vault reads and writes only the entries that are due.

Secrets get a new value from a cryptographically random generator (-Length, -CharacterSet; default 32 letters and digits) or from -NewValue, a script block that receives the entry ($_) and returns a SecureString or string. -Update, a script block that receives the entry and the new value ($args[1]), gives the value to the system that uses it; the new version is stored only after it succeeded. The new version keeps the tags and content type and expires at now + interval. A failure at any step (NewValue, Update, AddPassword, StoreVersion, RotateKey, RenewCertificate) leaves the old version current and untouched, is a non-terminating error with a stable ErrorId, and the next entry goes on. Old versions are never disabled or deleted.

A secret tagged ApplicationObjectId holds an Entra ID app registration's client secret: rotation asks Microsoft Graph for a new password (end date now + interval + RotationOverlap, default P7D), stores it with the tag CredentialId = its keyId, and removes only passwords created before the one it replaced, so the replaced password and the new one are both valid until the next rotation. The signed-in identity must own the application (or hold Application.ReadWrite.OwnedBy). A secret tagged RotationCredentials = 'key1,key2' is a dual-credential target: the entry's NextCredentialId says which credential -NewValue/-Update renew, and the new version's CredentialId records it.

Keys rotate through the vault (a new key version). Certificates renew from their own policy (same issuer), waiting for the vault. -NewValue and -Update apply to secrets only.

-Event takes Key Vault's Event Grid events (SecretNearExpiry, SecretExpired and the key and certificate equivalents; Event Grid or CloudEvents schema; JSON, objects, an array, or an Automation webhook's $WebhookData) and rotates exactly the entries they name; an event for another vault than the call's is the error RotationEventForOtherVault. An event about a version that is no longer current is Skipped (already rotated).

Entries piped in (from Get-VaultSecret, Get-VaultKey, Get-VaultCertificate, or any object with Name and VaultName) are matched by name in the vault, among the kinds -Kind allows (all three by default); a name without wildcards that matches nothing is the error RotationEntryNotFound.

Each entry gives one VaultTools.RotationResult (Action Rotated, Skipped, Failed or WouldRotate, the reason, the failed step, old and new version, next due date). Entries rotate up to -ThrottleLimit at once, with a progress bar. -WhatIf lists what would rotate and why and changes nothing. A runbook turns the results into its exit status in one line: if ($results.Action -contains 'Failed') { throw }.

Bad input is a clear error with a stable ErrorId that changes nothing: InvalidDuration (-Interval, -Notice), InvalidRotationTag (a malformed RotationInterval, RotationNotice, RotationOverlap, RotationCredentials or CredentialId tag), RotationNewValueFailed and RotationNewValueEmpty (-NewValue threw or returned nothing), RotationUpdateFailed (-Update threw), InvalidRotationEvent, UnsupportedRotationEvent and RotationEventForOtherVault (-Event), RotationIntervalRequired (an app registration secret without an interval). A failed service call keeps the service's ErrorId (VaultAccessDenied, GraphAccessDenied, ...); RotationRemovePasswordFailed means the secret rotated but older app passwords were not removed.
'@
    Parameters  = @{
        Name          = 'The name of the entries to look at (wildcards); binds by property name from Get-VaultSecret, Get-VaultKey and Get-VaultCertificate.'
        Id            = 'The entry''s URL (https://vault/secrets/name, /keys/ or /certificates/): names its kind and vault exactly.'
        All           = 'Every entry with a rotation policy (a RotationInterval or RotationNotice tag; with -Interval, every entry).'
        Event         = 'Key Vault Event Grid events: JSON text, event objects or hashtables, an array, or $WebhookData.'
        Kind          = 'Which kinds -Name and -All look at: Secret, Key, Certificate (default all three).'
        Interval      = 'Rotation interval for entries without a RotationInterval tag: ISO 8601 (P30D, P1M) or a TimeSpan.'
        Notice        = 'Rotate entries that expire within this (for entries without a RotationNotice tag).'
        Force         = 'Rotate the selected entries now, whatever their policy says.'
        Length        = 'Length of generated secret values: 16 to 1024 (default 32).'
        CharacterSet  = 'Character classes of generated values: Upper, Lower, Digit, Symbol (default Upper, Lower, Digit).'
        NewValue      = 'A script block that returns a secret''s new value (SecureString or string); it receives the entry as $_.'
        Update        = 'A script block that gives the new value to its target before the new version becomes current: $_ is the entry, $args[1] the value. Throw to refuse; nothing is stored then.'
        ThrottleLimit = 'How many entries rotate at once (1 to 32, default 4). With -NewValue or -Update entries rotate one at a time.'
    }
    Examples    = @(
        @{ Code = 'Set-VaultSecret -Name rotation-demo -PlainTextValue initial -Tag @{ RotationInterval = ''P30D'' } -Expires (Get-Date).AddDays(3)
Invoke-VaultRotation -Name rotation-demo -Notice P7D -WhatIf'; Remarks = 'Creates a secret with a monthly policy that expires in 3 days, and shows that it would rotate (it expires within the 7-day notice) without changing anything.' }
        @{ Code = 'Invoke-VaultRotation -Name rotation-demo -Force | Format-List Name, Action, Reason, OldVersion, NewVersion, NextDue'; Remarks = 'Rotates the secret now: a new random value, the tags kept, expiry 30 days from now.' }
        @{ Code = '$results = Invoke-VaultRotation -All
if ($results.Action -contains ''Failed'') { throw ''rotation failed'' }'; Remarks = 'What a daily runbook does: rotates everything that is due, and fails the job when an entry failed (one line).' }
        @{ Code = 'Get-VaultSecret -Name rotation-demo | Invoke-VaultRotation -Force -NewValue { ''v-'' + [guid]::NewGuid() } -Update { Write-Verbose "would configure the target for $($_.Name)" }'; Remarks = 'Pipes a secret in; -NewValue makes the value, -Update gives it to the target before it becomes current.' }
        @{ Code = '$vault = (Get-VaultConnection).VaultName     # the vault the event comes from, e.g. contoso-kv
$body = ConvertTo-Json -Depth 5 @(@{
    id = ''1''; subject = ''rotation-demo''; eventType = ''Microsoft.KeyVault.SecretNearExpiry''; eventTime = ''2026-01-01T00:00:00Z''; dataVersion = ''1''
    topic = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/$vault"
    data = @{ Id = "https://$vault.vault.azure.net/secrets/rotation-demo"; VaultName = $vault; ObjectType = ''Secret''; ObjectName = ''rotation-demo'' }
})
Invoke-VaultRotation -Event $body'; Remarks = 'What an Automation webhook runbook does with $WebhookData.RequestBody: rotates exactly the secret the SecretNearExpiry event names.' }
    )
    Links       = @('Set-VaultSecret', 'Invoke-VaultKeyRotation', 'Add-VaultCertificate')
}
