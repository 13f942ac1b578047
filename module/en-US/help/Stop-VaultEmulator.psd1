# Help for Stop-VaultEmulator: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
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
