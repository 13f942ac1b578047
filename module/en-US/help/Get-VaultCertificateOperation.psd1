# Help for Get-VaultCertificateOperation: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Gets the state of a certificate''s pending operation.'
    Description = @'
Get-VaultCertificateOperation returns the pending operation of a certificate (VaultTools.CertificateOperationStatus): its status (inProgress, completed, failed, cancelled), status details, error, issuer and target. Use it after Add-VaultCertificate -NoWait, or to follow a renewal.
'@
    Parameters  = @{
        Name = 'The name of the certificate. Binds from the pipeline by property name.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultCertificate -Name web -SubjectName ''CN=web.contoso.test'' -DnsName web.contoso.test
Get-VaultCertificateOperation -Name web'; Remarks = 'Shows whether the certificate web is still being created.' }
        @{ Code = 'Add-VaultCertificate -Name web -SubjectName ''CN=web'' -NoWait | Out-Null
do { Start-Sleep 2; $op = Get-VaultCertificateOperation -Name web } while ($op.Status -eq ''inProgress'')
$op.Status'; Remarks = 'Waits in a script for a creation started with -NoWait.' }
    )
    Links       = @('Add-VaultCertificate')
}
