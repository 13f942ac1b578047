# Help for Set-VaultEmulatorClock: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Moves the local emulator''s clock, so that what is due next month can be tested today.'
    Description = @'
Set-VaultEmulatorClock moves the clock of a running VaultTools emulator forward by -Advance, or sets how far it is from the system's time with -Offset, and returns the clock (its current time and offset). It only works with the emulator: Azure's clock cannot be moved.

Every date the emulator writes and checks follows its clock: created and updated dates, expiry and not-before, the scheduled purge date of deleted entries, token lifetimes, key rotation policies, certificate validity and lifetime actions, and the Date header of every answer. Before it answers, the emulator does at once what has become due: it purges deleted entries past their purge date, rotates keys whose rotation policy says so, renews certificates whose lifetime action is AutoRenew, and raises near-expiry and expiry events.

Tokens the emulator issued before the move expire on its clock as they would have in that time. When the session is connected to that emulator, Set-VaultEmulatorClock opens it again with the same sign-in, so the next cmdlet gets a fresh token; other clients sign in again.
'@
    Parameters  = @{
        Advance  = 'How far to move the clock forward: a TimeSpan, for example (New-TimeSpan -Days 31) or ''31.00:00:00'', or an ISO 8601 duration such as P31D or PT12H (a month counts 30 days). It cannot be negative: use -Offset to go back.'
        Offset   = 'The clock''s new distance from the system''s time, as a TimeSpan or an ISO 8601 duration (-P1D is a day behind); [TimeSpan]::Zero or PT0S goes back to real time.'
        Emulator = 'The emulator whose clock to move (the object from Start-VaultEmulator). By default the one the session is connected to, or the only one this PowerShell process started.'
    }
    Examples    = @(
        @{ Code = 'Set-VaultSecret -Name monthly-key -PlainTextValue one -Expires (Get-Date).AddDays(20)
$clock = Set-VaultEmulatorClock -Advance (New-TimeSpan -Days 21)
(Get-VaultSecret -Name monthly-key).Expires -lt $clock.Now'; Remarks = 'Moves the clock three weeks ahead: the secret that expires in 20 days has now expired on the vault''s clock (True). As on Azure, its value can still be read; an application that checks Expires, or a rotation job, sees it as expired.' }
        @{ Code = 'Set-VaultEmulatorClock -Offset ([TimeSpan]::Zero)'; Remarks = 'Puts the clock back to the system''s time and shows it.' }
        @{ Code = 'Start-VaultEmulator -ClockOffset (New-TimeSpan -Days 365) | Set-VaultEmulatorClock -Advance (New-TimeSpan -Hours 1)'; Remarks = 'Starts a second emulator whose clock is a year ahead, and moves that emulator''s clock one more hour.' }
    )
    Links       = @('Start-VaultEmulator', 'Connect-Vault', 'about_VaultTools')
}
