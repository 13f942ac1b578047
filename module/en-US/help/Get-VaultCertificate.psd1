# Help for Get-VaultCertificate: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
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
        @{ Title = 'Read a certificate'; Code = 'Add-VaultCertificate -Name web -SubjectName ''CN=web.contoso.test'' -DnsName web.contoso.test
Get-VaultCertificate -Name web'; Remarks = 'Shows the subject, names, thumbprint and validity of the certificate web.' }
        @{ Title = 'Certificates that expire within 30 days'; Code = 'Get-VaultCertificate | Where-Object { $_.Expires -lt (Get-Date).AddDays(30) } | Select-Object Name, Expires, Thumbprint'; Remarks = 'Lists the certificates to renew soon.' }
        @{ Title = 'Deleted certificates'; Code = 'Get-VaultCertificate -InRemovedState'; Remarks = 'Lists the certificates that can still be recovered, with their scheduled purge dates.' }
    )
    Links       = @('Add-VaultCertificate', 'Import-VaultCertificate', 'Export-VaultCertificate', 'Remove-VaultCertificate')
}
