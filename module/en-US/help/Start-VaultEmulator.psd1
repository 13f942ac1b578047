# Help for Start-VaultEmulator: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Starts the local Key Vault emulator.'
    Description = @'
Start-VaultEmulator runs the VaultTools emulator (an independent implementation of Key Vault's REST API, Entra ID's token endpoints, the managed identity endpoints and an ARM subset) as a child process on 127.0.0.1, waits until it answers and returns its endpoints, CA certificate path, built-in identities and process id. Pipe the result into Connect-Vault.

The emulator serves HTTPS with its own root CA, created once in its data folder; vaults are addressed as https://<vault>.localhost:<port>/ and https://localhost:<port>/ reaches the default vault, local. By default it exits together with the PowerShell process that started it; -Detached keeps it running.

Without -DataPath the emulator keeps everything in memory (entries, vaults, identities, tenant, keys and CA) and nothing is kept between runs: its emulator.json and CA certificate are in a temporary folder of that run, removed when it stops. With -DataPath everything is kept in that folder and comes back at the next start (an acknowledged write survives a crash), entries in memory only if -InMemory is given too. A damaged data folder is refused at start with a message naming the file. Stop-VaultEmulator stops it cleanly (on Linux and macOS), so that the folder can be copied once it has stopped.
'@
    Parameters  = @{
        DataPath     = 'The data folder of a persistent emulator: identities, tenant, keys, CA certificate, emulator.json and, unless -InMemory, the database, kept across runs. Without it nothing is kept.'
        InMemory     = 'Keep entries in memory even with -DataPath. Tests use this for speed and isolation.'
        Port         = 'The HTTPS port on 127.0.0.1. 0 (the default) picks a free port.'
        IdentityPort = 'The plain-HTTP port of the managed identity endpoints on 127.0.0.1. 0 (the default) picks a free port.'
        ConfigPath   = 'A JSON file with identities, vaults and role assignments to add to the defaults (see about_VaultTools).'
        FaultRate    = 'The fraction (0 to 1) of data-plane requests that fail on purpose, to test retry behaviour.'
        FaultKind    = 'Which faults -FaultRate injects: 429 (with Retry-After), 503, drop (connection closed). All three by default.'
        ConsistencyDelaySeconds = 'Seconds (0 to 600) for which a deletion or recovery stays invisible to readers, as on Azure, where it takes about a minute: the deleted entry is not found yet, the name answers 409 ObjectIsBeingDeleted, a recovered entry is not readable yet. Use it to test scripts that purge after a delete or read after a recovery. 0 (the default): visible at once.'
        ClockOffset  = 'How far the emulator''s clock starts ahead of the system''s time (a negative TimeSpan: behind). Every date the emulator writes and checks follows it: created and updated dates, expiry and not-before, purge dates, token lifetimes, rotation policies, certificate validity and lifetime actions, and the Date header of its answers. Move it later with Set-VaultEmulatorClock. Default: real time.'
        Detached     = 'Keep the emulator running after this PowerShell process exits. Stop it with Stop-VaultEmulator -ProcessId.'
        EmulatorPath = 'The VaultTools.Emulator.dll to run. By default the one in the module''s emulator folder, or $env:VAULTTOOLS_EMULATOR_PATH.'
    }
    Examples    = @(
        @{ Code = '$emulator = Start-VaultEmulator
$emulator | Connect-Vault -Emulator'; Remarks = 'Starts an emulator with in-memory storage and connects to its default vault as the built-in administrator.' }
        @{ Code = '@{
    identities = @(@{ name = ''webapp''; type = ''ServicePrincipal'' })
    vaults     = @(@{ name = ''contoso-app-kv''; sku = ''premium'' })
} | ConvertTo-Json -Depth 3 | Set-Content ./emulator.config.json
Start-VaultEmulator -DataPath ./vault-data -ConfigPath ./emulator.config.json'; Remarks = 'Starts a durable emulator whose identities, vaults and role assignments come from a configuration file.' }
        @{ Code = 'Start-VaultEmulator -InMemory -DataPath (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) (New-Guid))) -FaultRate 0.2 -FaultKind 429'; Remarks = 'A throwaway emulator that throttles one request in five, to see retries at work.' }
        @{ Code = 'Start-VaultEmulator -ConsistencyDelaySeconds 5 | Connect-Vault -Emulator
Set-VaultSecret -Name old-key -PlainTextValue x
Remove-VaultSecret -Name old-key -Purge -Force'; Remarks = 'Deletions take five seconds to become visible, as they take about a minute on Azure: Remove-VaultSecret -Purge waits for the deletion (with a progress bar) before it purges.' }
    )
    Links       = @('Stop-VaultEmulator', 'Connect-Vault', 'about_VaultTools')
}
