# The bad-input corpus: every cmdlet given input it must refuse. Each case is one command line, the ErrorId and
# category it must fail with and the parameter its message must name; and for every case: no raw .NET exception type
# name or stack trace in what the user sees, no secret value in it, and (for the cases that write) nothing changed in
# the vault, the files or the connection. The emulator's own endpoints get the same treatment over HTTPS.
# The number of cases is in the Describe names, so the total shows in the test output.

BeforeDiscovery {
    # Run-time values are read from $script: variables set in BeforeAll; cases are text, so the test name shows the command.
    $badNames = @('"name`n"', "'a b'", "'a_b'", "('x' * 128)")
    $guid = '00000000-0000-0000-0000-0000000000aa'
    $entryCmdlets = @(
        # command with {0} for the name, ErrorId stem (Invalid<Kind>Name), whether it writes
        @{ C = 'Get-VaultSecret -Name {0}'; Kind = 'Secret'; W = $false }
        @{ C = 'Set-VaultSecret -Name {0} -PlainTextValue $script:sentinel'; Kind = 'Secret'; W = $true }
        @{ C = 'Update-VaultSecret -Name {0} -ContentType text/plain'; Kind = 'Secret'; W = $true }
        @{ C = 'Remove-VaultSecret -Name {0} -Force'; Kind = 'Secret'; W = $true }
        @{ C = 'Undo-VaultSecretRemoval -Name {0}'; Kind = 'Secret'; W = $true }
        @{ C = 'Backup-VaultSecret -Name {0}'; Kind = 'Secret'; W = $true }
        @{ C = 'Get-VaultKey -Name {0}'; Kind = 'Key'; W = $false }
        @{ C = 'Add-VaultKey -Name {0} -Size 2048'; Kind = 'Key'; W = $true }
        @{ C = 'Update-VaultKey -Name {0} -Enable $false'; Kind = 'Key'; W = $true }
        @{ C = 'Remove-VaultKey -Name {0} -Force'; Kind = 'Key'; W = $true }
        @{ C = 'Undo-VaultKeyRemoval -Name {0}'; Kind = 'Key'; W = $true }
        @{ C = 'Backup-VaultKey -Name {0}'; Kind = 'Key'; W = $true }
        @{ C = 'Get-VaultKeyRotationPolicy -Name {0}'; Kind = 'Key'; W = $false }
        @{ C = 'Set-VaultKeyRotationPolicy -Name {0} -ExpiresIn P90D'; Kind = 'Key'; W = $true }
        @{ C = 'Invoke-VaultKeyRotation -Name {0}'; Kind = 'Key'; W = $true }
        @{ C = 'Protect-VaultData -Name {0} -Value ([byte[]](1, 2, 3))'; Kind = 'Key'; W = $false }
        @{ C = 'New-VaultSignature -Name {0} -Digest ([byte[]]::new(32)) -Algorithm RS256'; Kind = 'Key'; W = $false }
        @{ C = 'Test-VaultSignature -Name {0} -Digest ([byte[]]::new(32)) -Signature ([byte[]]::new(256)) -Algorithm RS256'; Kind = 'Key'; W = $false }
        @{ C = 'Unprotect-VaultData -Name {0} -Value ([byte[]]::new(256))'; Kind = 'Key'; W = $false }
        @{ C = 'Get-VaultCertificate -Name {0}'; Kind = 'Certificate'; W = $false }
        @{ C = 'Add-VaultCertificate -Name {0} -SubjectName CN=bad.test -NoWait'; Kind = 'Certificate'; W = $true }
        @{ C = 'Import-VaultCertificate -Name {0} -FilePath $script:pfx -Password $script:pfxPassword'; Kind = 'Certificate'; W = $true }
        @{ C = 'Export-VaultCertificate -Name {0} -FilePath ./export.pfx -Password $script:pfxPassword'; Kind = 'Certificate'; W = $true }
        @{ C = 'Remove-VaultCertificate -Name {0} -Force'; Kind = 'Certificate'; W = $true }
        @{ C = 'Undo-VaultCertificateRemoval -Name {0}'; Kind = 'Certificate'; W = $true }
        @{ C = 'Backup-VaultCertificate -Name {0}'; Kind = 'Certificate'; W = $true }
        @{ C = 'Get-VaultCertificatePolicy -Name {0}'; Kind = 'Certificate'; W = $false }
        @{ C = 'Set-VaultCertificatePolicy -Name {0} -Policy (New-VaultCertificatePolicy -SubjectName CN=x.test)'; Kind = 'Certificate'; W = $true }
        @{ C = 'Get-VaultCertificateOperation -Name {0}'; Kind = 'Certificate'; W = $false }
        @{ C = "Grant-VaultRole -Role 'Key Vault Secrets User' -ObjectId $guid -SecretName {0} -Force"; Kind = 'Secret'; W = $true; P = 'SecretName' }
        @{ C = "Grant-VaultRole -Role 'Key Vault Crypto User' -ObjectId $guid -KeyName {0} -Force"; Kind = 'Key'; W = $true; P = 'KeyName' }
        @{ C = "Grant-VaultRole -Role 'Key Vault Certificate User' -ObjectId $guid -CertificateName {0} -Force"; Kind = 'Certificate'; W = $true; P = 'CertificateName' }
        @{ C = 'Get-VaultRoleAssignment -SecretName {0}'; Kind = 'Secret'; W = $false; P = 'SecretName' }
        @{ C = "Revoke-VaultRole -Role 'Key Vault Secrets User' -ObjectId $guid -SecretName {0} -Force"; Kind = 'Secret'; W = $true; P = 'SecretName' }
    )

    $cases = [System.Collections.Generic.List[hashtable]]::new()
    function Add-Case([string] $Command, [string] $ErrorId, [string] $Category, [string] $Parameter, [switch] $Writes) {
        $cases.Add(@{ Command = $Command; ErrorId = $ErrorId; Category = $Category; Parameter = $Parameter; Writes = [bool]$Writes })
    }

    # Names: a trailing line feed, a space, an underscore, 128 characters, for every cmdlet that takes an entry name.
    foreach ($cmdlet in $entryCmdlets) {
        foreach ($name in $badNames) {
            Add-Case ($cmdlet.C -f $name) "Invalid$($cmdlet.Kind)Name" InvalidArgument ($cmdlet.P ?? 'Name') -Writes:$cmdlet.W
        }
    }

    # Issuer names and rotation by name follow the same rule.
    foreach ($name in $badNames) {
        Add-Case "Get-VaultCertificateIssuer -Name $name" InvalidCertificateIssuerName InvalidArgument Name
        Add-Case "Set-VaultCertificateIssuer -Name $name -IssuerProvider DigiCert -AccountId a -ApiKey `$script:secure" InvalidCertificateIssuerName InvalidArgument Name -Writes
        Add-Case "Remove-VaultCertificateIssuer -Name $name -Force" InvalidCertificateIssuerName InvalidArgument Name -Writes
    }

    # Vault names and URIs.
    foreach ($vault in @('"kv`n"', "'kv'", "'kv--x'", "'kv_1'", "'1kv'")) {
        Add-Case "Get-VaultSecret -VaultName $vault -Name bi-secret" InvalidVaultName InvalidArgument VaultName
        Add-Case "Set-VaultSecret -VaultName $vault -Name bi-new -PlainTextValue `$script:sentinel" InvalidVaultName InvalidArgument VaultName -Writes
        Add-Case "New-Vault -Name $vault -ResourceGroupName rg -Location westeurope" InvalidVaultName InvalidArgument Name -Writes
    }
    foreach ($uri in @("'http://localhost/'", "'https://kv.vault.azure.net/secrets/x'", "'ftp://kv.vault.azure.net/'", "'kv.vault.azure.net'")) {
        Add-Case "Get-VaultSecret -VaultUri $uri -Name bi-secret" InvalidVaultUri InvalidArgument VaultUri
        Add-Case "Add-VaultKey -VaultUri $uri -Name bi-new -Size 2048" InvalidVaultUri InvalidArgument VaultUri -Writes
    }

    # Versions: 32 hexadecimal characters, the whole string.
    foreach ($version in @("'xyz'", '"0123456789abcdef0123456789abcdef`n"', "('a' * 33)")) {
        Add-Case "Get-VaultSecret -Name bi-secret -Version $version" InvalidVersion InvalidArgument Version
        Add-Case "Get-VaultKey -Name bi-key -Version $version" InvalidVersion InvalidArgument Version
        Add-Case "Get-VaultCertificate -Name bi-cert -Version $version" InvalidVersion InvalidArgument Version
        Add-Case "Update-VaultSecret -Name bi-secret -Version $version -ContentType x" InvalidVersion InvalidArgument Version -Writes
        Add-Case "Update-VaultKey -Name bi-key -Version $version -Enable `$false" InvalidVersion InvalidArgument Version -Writes
        Add-Case "Protect-VaultData -Name bi-key -Version $version -Value ([byte[]](1, 2, 3))" InvalidVersion InvalidArgument Version
    }

    # Entry URLs (-Id): another collection, another scheme, a relative URL, a query, a bad name in the URL.
    $ids = @{
        Secret      = 'secretId'
        Key         = 'keyId'
        Certificate = 'certificateId'
    }
    foreach ($kind in 'Secret', 'Key', 'Certificate') {
        $cmd = "Get-Vault$kind"
        $own = "`$script:$($ids[$kind])"
        foreach ($other in @('keys', 'secrets', 'certificates', 'deletedsecrets', 'deletedkeys', 'deletedcertificates') | Where-Object { $_ -ne "$($kind.ToLowerInvariant())s" }) {
            Add-Case "$cmd -Id ($own -replace '/$($kind.ToLowerInvariant())s/', '/$other/')" "Invalid$($kind)Id" InvalidArgument Id
        }
        Add-Case "$cmd -Id ($own -replace '^https', 'http')" "Invalid$($kind)Id" InvalidArgument Id
        Add-Case "$cmd -Id ($own -replace '^https', 'ftp')" "Invalid$($kind)Id" InvalidArgument Id
        Add-Case "$cmd -Id '$($kind.ToLowerInvariant())s/bi-x'" "Invalid$($kind)Id" InvalidArgument Id
        Add-Case "$cmd -Id ($own + '?x=1')" "Invalid$($kind)Id" InvalidArgument Id
        Add-Case "$cmd -Id ($own + '/extra')" "Invalid$($kind)Id" InvalidArgument Id
        Add-Case "$cmd -Id ($own -replace '/bi-[a-z]+/', '/bad%0A/')" "Invalid$($kind)Name" InvalidArgument Id
    }
    Add-Case "Get-VaultCertificate -Id (`$script:certificateId -replace '/bi-cert/.*', '/issuers/bi-x')" InvalidCertificateId InvalidArgument Id
    Add-Case "Get-VaultCertificate -Id (`$script:certificateId -replace '/bi-cert/.*', '/contacts')" InvalidCertificateId InvalidArgument Id
    Add-Case "Update-VaultKey -Id `$script:secretId -Enable `$false" InvalidKeyId InvalidArgument Id -Writes
    Add-Case "Protect-VaultData -Id `$script:secretId -Value ([byte[]](1, 2, 3))" InvalidKeyId InvalidArgument Id
    Add-Case "New-VaultSignature -Id (`$script:keyId -replace '^https', 'http') -Digest ([byte[]]::new(32)) -Algorithm RS256" InvalidKeyId InvalidArgument Id
    Add-Case "Test-VaultSignature -Id `$script:certificateId -Digest ([byte[]]::new(32)) -Signature ([byte[]]::new(256)) -Algorithm RS256" InvalidKeyId InvalidArgument Id
    Add-Case "Invoke-VaultRotation -Id (`$script:secretId -replace '/secrets/', '/deletedsecrets/') -Force" InvalidEntryId InvalidArgument Id -Writes
    Add-Case "Invoke-VaultRotation -Id (`$script:secretId -replace '^https', 'ftp') -Force" InvalidSecretId InvalidArgument Id -Writes

    # -PlainTextValue takes text only; its size rule names it.
    Add-Case 'Set-VaultSecret -Name bi-secret -PlainTextValue $script:secure' ParameterArgumentTransformationError InvalidData PlainTextValue -Writes
    Add-Case 'Set-VaultSecret -Name bi-secret -PlainTextValue ([pscredential]::new("u", $script:secure))' ParameterArgumentTransformationError InvalidData PlainTextValue -Writes
    Add-Case 'Set-VaultSecret -Name bi-secret -PlainTextValue @{ value = $script:sentinel }' ParameterArgumentTransformationError InvalidData PlainTextValue -Writes
    Add-Case 'Set-VaultSecret -Name bi-secret -PlainTextValue ([byte[]](1, 2))' ParameterArgumentTransformationError InvalidData PlainTextValue -Writes
    Add-Case '[pscustomobject]@{ Name = "bi-secret"; PlainTextValue = $script:secure } | Set-VaultSecret' ParameterArgumentTransformationError InvalidData PlainTextValue -Writes
    Add-Case 'Set-VaultSecret -Name bi-secret -PlainTextValue ($script:sentinel * 2000)' SecretValueTooLarge InvalidArgument PlainTextValue -Writes
    Add-Case 'Set-VaultSecret -Name bi-secret -SecretValue (ConvertTo-SecureString ($script:sentinel * 2000) -AsPlainText -Force)' SecretValueTooLarge InvalidArgument SecretValue -Writes

    # Limits of entries: tags, content type, dates.
    $tooManyTags = '(1..16 | ForEach-Object -Begin { $h = @{} } -Process { $h["t$_"] = "v" } -End { $h })'
    Add-Case "Set-VaultSecret -Name bi-secret -PlainTextValue `$script:sentinel -Tag $tooManyTags" TooManyTags InvalidArgument Tag -Writes
    Add-Case "Set-VaultSecret -Name bi-secret -PlainTextValue `$script:sentinel -Tag @{ t = 'v' * 513 }" InvalidTagValue InvalidArgument Tag -Writes
    Add-Case "Update-VaultSecret -Name bi-secret -Tag @{ ('n' * 513) = 'v' }" InvalidTagName InvalidArgument Tag -Writes
    Add-Case "Add-VaultKey -Name bi-new -Size 2048 -Tag $tooManyTags" TooManyTags InvalidArgument Tag -Writes
    Add-Case "Update-VaultKey -Name bi-key -Tag @{ t = 'v' * 513 }" InvalidTagValue InvalidArgument Tag -Writes
    Add-Case "Set-VaultSecret -Name bi-secret -PlainTextValue `$script:sentinel -ContentType ('c' * 256)" ContentTypeTooLong InvalidArgument ContentType -Writes
    Add-Case "Update-VaultSecret -Name bi-secret -ContentType ('c' * 256)" ContentTypeTooLong InvalidArgument ContentType -Writes
    Add-Case 'Set-VaultSecret -Name bi-secret -PlainTextValue $script:sentinel -NotBefore (Get-Date).AddDays(2) -Expires (Get-Date).AddDays(1)' ExpiresBeforeNotBefore InvalidArgument Expires -Writes
    Add-Case 'Add-VaultKey -Name bi-new -Size 2048 -NotBefore (Get-Date).AddDays(2) -Expires (Get-Date).AddDays(1)' ExpiresBeforeNotBefore InvalidArgument Expires -Writes
    Add-Case 'Update-VaultSecret -Name bi-secret -NotBefore (Get-Date).AddDays(2) -Expires (Get-Date).AddDays(1)' ExpiresBeforeNotBefore InvalidArgument Expires -Writes

    # Keys.
    Add-Case 'Add-VaultKey -Name bi-new -Size 1024' InvalidKeySize InvalidArgument Size -Writes
    Add-Case 'Add-VaultKey -Name bi-new -KeyType EC -CurveName P-999' InvalidCurveName InvalidArgument CurveName -Writes
    Add-Case 'Add-VaultKey -Name bi-new -KeyType DSA' InvalidKeyType InvalidArgument KeyType -Writes
    Add-Case 'Add-VaultKey -Name bi-new -Size 2048 -KeyOps fly' InvalidKeyOperation InvalidArgument KeyOps -Writes
    Add-Case 'Update-VaultKey -Name bi-key -KeyOps sign, fly' InvalidKeyOperation InvalidArgument KeyOps -Writes
    Add-Case 'Add-VaultKey -Name bi-new -JsonWebKey "{not json"' InvalidJsonWebKey InvalidArgument JsonWebKey -Writes
    Add-Case 'Add-VaultKey -Name bi-new -KeyFilePath $script:emptyPfx' InputFileSize InvalidArgument KeyFilePath -Writes
    Add-Case 'Add-VaultKey -Name bi-new -KeyFilePath ./missing.pfx' KeyFileNotFound InvalidArgument KeyFilePath -Writes
    Add-Case 'Add-VaultKey -Name bi-new -KeyFilePath $script:textFile' UnsupportedKeyFile InvalidArgument KeyFilePath -Writes
    Add-Case 'Add-VaultKey -Name bi-new -KeyFilePath $script:garbagePfx' KeyFileUnreadable InvalidArgument KeyFilePassword -Writes
    Add-Case 'Add-VaultKey -Name bi-hsm -Destination HSM' HsmKeyNotAllowedOnStandardVault InvalidOperation premium -Writes
    Add-Case 'Protect-VaultData -Name bi-key -Value ([byte[]](1, 2, 3)) -Algorithm ROT13' InvalidAlgorithm InvalidArgument Algorithm
    Add-Case 'New-VaultSignature -Name bi-key -Digest ([byte[]](1, 2, 3)) -Algorithm RS256' InvalidDigestLength InvalidArgument Digest

    # Rotation-policy and rotation durations: malformed, too short, too long (overflowing or not), with a line feed.
    Add-Case 'Set-VaultKeyRotationPolicy -Name bi-key -ExpiresIn P9000Y' DurationTooLong InvalidArgument ExpiresIn -Writes
    Add-Case 'Set-VaultKeyRotationPolicy -Name bi-key -ExpiresIn P99999999999D' DurationTooLong InvalidArgument ExpiresIn -Writes
    Add-Case 'Set-VaultKeyRotationPolicy -Name bi-key -ExpiresIn P1300M' DurationTooLong InvalidArgument ExpiresIn -Writes
    Add-Case 'Set-VaultKeyRotationPolicy -Name bi-key -ExpiresIn ([timespan]::FromDays(40000))' DurationTooLong InvalidArgument ExpiresIn -Writes
    Add-Case 'Set-VaultKeyRotationPolicy -Name bi-key -ExpiresIn P1Y -RotateAfterCreate PT99999999999H' DurationTooLong InvalidArgument RotateAfterCreate -Writes
    Add-Case 'Set-VaultKeyRotationPolicy -Name bi-key -ExpiresIn P20D' RotationPolicyExpiryTooShort InvalidArgument ExpiresIn -Writes
    Add-Case 'Set-VaultKeyRotationPolicy -Name bi-key -ExpiresIn P1Y -RotateAfterCreate P1D' RotationTimeTooShort InvalidArgument RotateAfterCreate -Writes
    Add-Case 'Set-VaultKeyRotationPolicy -Name bi-key -RotateBeforeExpiry P30D' RotationPolicyNeedsExpiry InvalidArgument RotateBeforeExpiry -Writes
    Add-Case 'Set-VaultKeyRotationPolicy -Name bi-key -ExpiresIn 90D' InvalidDuration InvalidArgument ExpiresIn -Writes
    Add-Case 'Set-VaultKeyRotationPolicy -Name bi-key -ExpiresIn P' InvalidDuration InvalidArgument ExpiresIn -Writes
    Add-Case 'Set-VaultKeyRotationPolicy -Name bi-key -ExpiresIn "P90D`nP1D"' InvalidDuration InvalidArgument ExpiresIn -Writes
    Add-Case 'Invoke-VaultRotation -Name bi-secret -Interval P9000Y -Force' DurationTooLong InvalidArgument Interval -Writes
    Add-Case 'Invoke-VaultRotation -Name bi-secret -Interval monthly -Force' InvalidDuration InvalidArgument Interval -Writes

    # Certificates and their policies.
    Add-Case 'Add-VaultCertificate -Name bi-new -SubjectName "not a subject"' InvalidSubjectName InvalidArgument SubjectName -Writes
    Add-Case 'Add-VaultCertificate -Name bi-new -SubjectName "CN=x`n"' InvalidSubjectName InvalidArgument SubjectName -Writes
    Add-Case 'Add-VaultCertificate -Name bi-new -SubjectName CN=x -DnsName "bad host!"' InvalidDnsName InvalidArgument DnsName -Writes
    Add-Case 'Add-VaultCertificate -Name bi-new -SubjectName CN=x -DnsName "host.test`n"' InvalidDnsName InvalidArgument DnsName -Writes
    Add-Case 'Add-VaultCertificate -Name bi-new -SubjectName CN=x -ValidityInMonths 0' InvalidValidity InvalidArgument ValidityInMonths -Writes
    Add-Case 'Add-VaultCertificate -Name bi-new -SubjectName CN=x -ValidityInMonths 1201' InvalidValidity InvalidArgument ValidityInMonths -Writes
    Add-Case 'Add-VaultCertificate -Name bi-new -SubjectName CN=x -KeySize 1000' InvalidKeySize InvalidArgument KeySize -Writes
    Add-Case 'Add-VaultCertificate -Name bi-new -SubjectName CN=x -EnhancedKeyUsage "1.3.6.1`n"' InvalidEnhancedKeyUsage InvalidArgument EnhancedKeyUsage -Writes
    Add-Case 'Add-VaultCertificate -Name bi-new -SubjectName CN=x -KeyUsage fly' InvalidKeyUsage InvalidArgument KeyUsage -Writes
    Add-Case 'Add-VaultCertificate -Name bi-new -SubjectName CN=x -ContentType zip' ParameterArgumentValidationError InvalidData ContentType -Writes
    Add-Case 'Add-VaultCertificate -Name bi-new -SubjectName CN=x -RenewAtPercentageLifetime 100' InvalidLifetimePercentage InvalidArgument RenewAtPercentageLifetime -Writes
    Add-Case 'Add-VaultCertificate -Name bi-new -SubjectName CN=x -IssuerName "Self`n"' InvalidCertificateIssuerName InvalidArgument IssuerName -Writes
    Add-Case 'New-VaultCertificatePolicy -SubjectName CN=x -KeyType RSA -CurveName P-256' CurveNameNeedsEcKey InvalidArgument CurveName
    Add-Case 'New-VaultCertificatePolicy -SubjectName CN=x -DnsName "*.*.test"' InvalidDnsName InvalidArgument DnsName
    Add-Case 'Import-VaultCertificate -Name bi-new -FilePath $script:emptyPfx' InputFileSize InvalidArgument FilePath -Writes
    Add-Case 'Import-VaultCertificate -Name bi-new -FilePath ./missing.pfx' InputFileNotFound InvalidArgument FilePath -Writes
    Add-Case 'Import-VaultCertificate -Name bi-new -FilePath $script:textFile' InvalidCertificateFile InvalidArgument FilePath -Writes
    Add-Case 'Import-VaultCertificate -Name bi-new -FilePath $script:pfx -Password $script:secure' InvalidCertificatePassword InvalidArgument Password -Writes
    Add-Case 'Export-VaultCertificate -Name bi-cert -FilePath $script:textFile -Password $script:pfxPassword' OutputFileExists ResourceExists FilePath -Writes
    Add-Case 'Export-VaultCertificate -Name bi-cert -FilePath ./missing-folder/x.pfx -Password $script:pfxPassword' OutputFolderNotFound InvalidArgument FilePath -Writes
    Add-Case 'Export-VaultCertificate -Name bi-cert -FilePath ./x.pfx -Format Zip -Password $script:pfxPassword' ParameterArgumentValidationError InvalidData Format -Writes
    Add-Case 'Add-VaultCertificateContact -EmailAddress "not-an-address"' InvalidEmailAddress InvalidArgument EmailAddress -Writes
    Add-Case 'Add-VaultCertificateContact -EmailAddress "a@b.test`n"' InvalidEmailAddress InvalidArgument EmailAddress -Writes

    # Entries that back a certificate: the vault manages them; the refusal is InvalidOperation with the service's reason.
    Add-Case 'Set-VaultSecret -Name bi-cert -PlainTextValue $script:sentinel' VaultSecretManagedByCertificate InvalidOperation certificate -Writes
    Add-Case 'Backup-VaultSecret -Name bi-cert' VaultSecretManagedByCertificate InvalidOperation certificate -Writes
    Add-Case 'Backup-VaultKey -Name bi-cert' VaultKeyManagedByCertificate InvalidOperation certificate -Writes
    Add-Case 'Remove-VaultSecret -Name bi-cert -Force' VaultSecretManagedByCertificate InvalidOperation certificate -Writes
    Add-Case 'Update-VaultSecret -Name bi-cert -ContentType text/plain' VaultSecretManagedByCertificate InvalidOperation certificate -Writes

    # Backup and restore files.
    Add-Case 'Backup-VaultSecret -Name bi-secret -OutputFile $script:textFile' OutputFileExists ResourceExists OutputFile -Writes
    Add-Case 'Backup-VaultKey -Name bi-key -OutputFile ./missing-folder/k.blob' OutputFolderNotFound InvalidArgument OutputFile -Writes
    Add-Case 'Backup-VaultSecret -Name bi-secret -OutputFile $script:folder' OutputPathIsFolder InvalidArgument OutputFile -Writes
    Add-Case 'Restore-VaultSecret -InputFile ./missing.blob' InputFileNotFound InvalidArgument InputFile -Writes
    Add-Case 'Restore-VaultSecret -InputFile $script:emptyPfx' InputFileSize InvalidArgument InputFile -Writes
    Add-Case 'Restore-VaultKey -InputFile ./missing.blob' InputFileNotFound InvalidArgument InputFile -Writes
    Add-Case 'Restore-VaultCertificate -InputFile $script:emptyPfx' InputFileSize InvalidArgument InputFile -Writes
    Add-Case 'Restore-VaultSecret -InputFile $script:textFile' VaultBadRequest InvalidArgument vault -Writes

    # Access: principals, roles, scopes, subscriptions, resource groups, permissions.
    Add-Case "Grant-VaultRole -Role 'Key Vault Secrets User' -ObjectId not-a-guid -Force" InvalidObjectId InvalidArgument ObjectId -Writes
    Add-Case "Grant-VaultRole -Role 'Key Vault Secrets User' -ObjectId `"$guid``n`" -Force" InvalidObjectId InvalidArgument ObjectId -Writes
    Add-Case "Grant-VaultRole -Role 'No Such Role' -ObjectId $guid -Force" VaultRoleDefinitionNotFound ObjectNotFound Role -Writes
    Add-Case "Grant-VaultRole -Role 'Key Vault Secrets User' -ObjectId $guid -Scope `"/subscriptions/$guid``n`" -Force" InvalidScope InvalidArgument Scope -Writes
    Add-Case "Grant-VaultRole -Role 'Key Vault Secrets User' -ObjectId $guid -Scope 'subscriptions/$guid' -Force" InvalidScope InvalidArgument Scope -Writes
    Add-Case "Grant-VaultRole -Role 'Key Vault Secrets User' -ObjectId $guid -Scope '/subscriptions/not-a-guid' -Force" InvalidSubscriptionId InvalidArgument Scope -Writes
    Add-Case "Grant-VaultRole -Role 'Key Vault Secrets User' -ObjectId $guid -Scope '/subscriptions/$guid/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/bi-vault/secrets/a_b' -Force" InvalidSecretName InvalidArgument Scope -Writes
    Add-Case "Grant-VaultRole -Role 'Key Vault Secrets User' -ObjectId $guid -Scope '/subscriptions/$guid/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/k_v' -Force" InvalidVaultName InvalidArgument Scope -Writes
    Add-Case "Grant-VaultRole -Role 'Key Vault Secrets User' -ObjectId $guid -Scope '/subscriptions/$guid/resourceGroups/rg!/providers/Microsoft.KeyVault/vaults/kv' -Force" InvalidResourceGroupName InvalidArgument Scope -Writes
    Add-Case "Grant-VaultRole -Role 'Key Vault Secrets User' -ObjectId $guid -SubscriptionId nope -Force" InvalidSubscriptionId InvalidArgument SubscriptionId -Writes
    Add-Case "Grant-VaultRole -Role 'Key Vault Secrets User' -ObjectId $guid -ResourceGroupName 'rg.' -Force" InvalidResourceGroupName InvalidArgument ResourceGroupName -Writes
    Add-Case "Get-VaultRoleAssignment -ObjectId not-a-guid" InvalidObjectId InvalidArgument ObjectId
    Add-Case "Get-VaultRoleAssignment -Scope '/subscriptions/$guid/x y'" InvalidScope InvalidArgument Scope
    Add-Case "Revoke-VaultRole -Role 'Key Vault Secrets User' -ObjectId not-a-guid -Force" InvalidObjectId InvalidArgument ObjectId -Writes
    Add-Case "Set-VaultAccessPolicy -VaultName bi-policies -ObjectId not-a-guid -PermissionsToSecrets get -Force" InvalidObjectId InvalidArgument ObjectId -Writes
    Add-Case "Set-VaultAccessPolicy -VaultName bi-policies -ObjectId $guid -PermissionsToSecrets fly -Force" InvalidAccessPolicyPermission InvalidArgument PermissionsToSecrets -Writes
    Add-Case "Set-VaultAccessPolicy -VaultName bi-policies -ObjectId $guid -PermissionsToKeys get, fly -Force" InvalidAccessPolicyPermission InvalidArgument PermissionsToKeys -Writes
    Add-Case "Remove-VaultAccessPolicy -VaultName bi-policies -ObjectId not-a-guid -Force" InvalidObjectId InvalidArgument ObjectId -Writes
    Add-Case "Get-Vault -ResourceGroupName 'rg!'" InvalidResourceGroupName InvalidArgument ResourceGroupName
    Add-Case "Get-Vault -SubscriptionId nope" InvalidSubscriptionId InvalidArgument SubscriptionId
    Add-Case "New-Vault -Name bi-new-vault -ResourceGroupName 'rg.' -Location westeurope" InvalidResourceGroupName InvalidArgument ResourceGroupName -Writes
    Add-Case "New-Vault -Name bi-new-vault -ResourceGroupName rg -Location westeurope -SoftDeleteRetentionInDays 3" InvalidSoftDeleteRetention InvalidArgument SoftDeleteRetentionInDays -Writes
    Add-Case "Remove-Vault -Name 'kv_1' -Force" InvalidVaultName InvalidArgument Name -Writes
    Add-Case 'New-Vault -Name bi-new-vault -Location "westeurope`n"' InvalidLocation InvalidArgument Location -Writes
    Add-Case 'Get-Vault -ResourceGroupName "rg`n"' InvalidResourceGroupName InvalidArgument ResourceGroupName
    Add-Case "Get-VaultRoleAssignment -ObjectId `"$guid``n`"" InvalidObjectId InvalidArgument ObjectId
    Add-Case "Grant-VaultRole -Role 'Key Vault Secrets User' -ObjectId $guid -SubscriptionId `"$guid``n`" -Force" InvalidSubscriptionId InvalidArgument SubscriptionId -Writes
    Add-Case 'Connect-Vault -Emulator -SubscriptionId "00000000-0000-0000-0000-0000000000aa`n"' InvalidSubscriptionId InvalidArgument SubscriptionId -Writes
    Add-Case "Get-VaultRoleDefinition -Id not-a-guid" InvalidRoleDefinitionId InvalidArgument Id

    # Connection: the session's connection stays as it was after a refused Connect-Vault.
    Add-Case 'Connect-Vault -TenantId "bad tenant!" -ClientId x -ClientSecret $script:secure' InvalidTenantId InvalidArgument TenantId -Writes
    Add-Case 'Connect-Vault -TenantId "contoso.test`n" -ClientId x -ClientSecret $script:secure' InvalidTenantId InvalidArgument TenantId -Writes
    Add-Case 'Connect-Vault -TenantId contoso.test -ClientId x -CertificatePath $script:emptyPfx' InputFileSize InvalidArgument CertificatePath -Writes
    Add-Case 'Connect-Vault -TenantId contoso.test -ClientId x -CertificatePath $script:garbagePfx' InvalidCertificateFile InvalidArgument CertificatePath -Writes
    Add-Case 'Connect-Vault -TenantId contoso.test -ClientId x -CertificatePath ./missing.pfx' CertificateFileNotFound InvalidArgument CertificatePath -Writes
    Add-Case 'Connect-Vault -VaultUri http://localhost/ -AccessToken $script:secure' InvalidVaultUri InvalidArgument VaultUri -Writes
    Add-Case 'Get-VaultAccessToken -ResourceUrl "not a url"' InvalidResourceUrl InvalidArgument ResourceUrl

    # BitLocker.
    Add-Case 'Backup-BitLockerKey -ComputerName pc1 -MountPoint C: -KeyProtectorId "{00000000-0000-0000-0000-000000000001}" -RecoveryPassword $script:secure' InvalidRecoveryPassword InvalidArgument RecoveryPassword -Writes
    Add-Case 'Get-BitLockerKey -RecoveryKeyId "zz"' InvalidRecoveryKeyId InvalidArgument RecoveryKeyId

    # Choices from a set, ranges and the remaining cmdlets: PowerShell's own binding errors name the parameter.
    Add-Case 'Add-VaultKey -Name bi-new -Destination Cloud' CannotConvertArgumentNoMessage InvalidArgument Destination -Writes
    Add-Case 'New-Vault -Name bi-new-vault -Sku Gold' ParameterArgumentValidationError InvalidData Sku -Writes
    Add-Case 'Get-VaultSecret -Name bi-secret -ThrottleLimit 0' ParameterArgumentValidationError InvalidData ThrottleLimit
    Add-Case 'Connect-Vault -Environment Mars' ParameterArgumentValidationError InvalidData Environment -Writes
    Add-Case 'Get-VaultAccessToken -ResourceTypeName Mars' ParameterArgumentValidationError InvalidData ResourceTypeName
    Add-Case 'Set-VaultCertificateIssuer -Name bi-issuer -IssuerProvider "" -AccountId a -ApiKey $script:secure' ParameterArgumentValidationErrorEmptyStringNotAllowed InvalidData IssuerProvider -Writes
    Add-Case 'Invoke-VaultRotation -Name bi-secret -Length 3 -Force' InvalidSecretLength InvalidArgument Length -Writes
    Add-Case 'Invoke-VaultRotation -Name bi-secret -CharacterSet Klingon -Force' ParameterArgumentValidationError InvalidData CharacterSet -Writes
    Add-Case 'Invoke-VaultRotation -Name bi-secret -Kind Potion -Force' ParameterArgumentValidationError InvalidData Kind -Writes
    Add-Case 'Remove-VaultCertificateContact -EmailAddress "not-an-address" -Force' InvalidEmailAddress InvalidArgument EmailAddress -Writes
    Add-Case 'Set-VaultEmulatorClock -Advance ([timespan]::FromDays(-1))' InvalidClockAdvance InvalidArgument Advance -Writes
    Add-Case 'Set-VaultEmulatorClock -Offset ([timespan]::FromDays(400000))' InvalidClockOffset InvalidArgument Offset -Writes
    Add-Case 'Start-VaultEmulator -Port 70000' ParameterArgumentValidationError InvalidData Port
    Add-Case 'Start-VaultEmulator -FaultRate 2' ParameterArgumentValidationError InvalidData FaultRate
    Add-Case 'Start-VaultEmulator -ConsistencyDelaySeconds -1' ParameterArgumentValidationError InvalidData ConsistencyDelaySeconds
    Add-Case 'Start-VaultEmulator -ConfigPath ./missing.json' EmulatorConfigNotFound InvalidArgument ConfigPath
    Add-Case 'Stop-VaultEmulator -ProcessId $PID' NotAVaultEmulator InvalidArgument 'not a VaultTools emulator' -Writes
    Add-Case 'Backup-BitLockerKey -ComputerName "pc`n" -MountPoint C: -KeyProtectorId "{00000000-0000-0000-0000-000000000001}" -RecoveryPassword $script:recoveryPassword' InvalidComputerName InvalidArgument ComputerName -Writes
    Add-Case 'Backup-BitLockerKey -ComputerName pc1 -MountPoint "C:`n" -KeyProtectorId "{00000000-0000-0000-0000-000000000001}" -RecoveryPassword $script:recoveryPassword' InvalidMountPoint InvalidArgument MountPoint -Writes
    Add-Case 'Backup-BitLockerKey -ComputerName pc1 -MountPoint C: -KeyProtectorId "not-a-guid" -RecoveryPassword $script:recoveryPassword' InvalidKeyProtectorId InvalidArgument KeyProtectorId -Writes

    $endpointCases = [System.Collections.Generic.List[hashtable]]::new()
    function Add-Endpoint([string] $Method, [string] $Path, [string] $Body, [int[]] $Status, [string] $Code, [switch] $NoToken) {
        $endpointCases.Add(@{ Method = $Method; Path = $Path; Body = $Body; Status = $Status; Code = $Code; NoToken = [bool]$NoToken })
    }
    $v = 'api-version=7.5'
    Add-Endpoint PUT "/secrets/a_b?$v" '{"value":"SENTINEL"}' 400 BadParameter
    Add-Endpoint PUT "/secrets/$('x' * 128)?$v" '{"value":"SENTINEL"}' 400 BadParameter
    Add-Endpoint PUT "/secrets/bi-secret?$v" '{"value":' 400 BadParameter
    Add-Endpoint PUT "/secrets/bi-secret?$v" '{"novalue":"SENTINEL"}' 400 BadParameter
    Add-Endpoint PUT "/secrets/bi-secret?$v" '["SENTINEL"]' 400 BadParameter
    Add-Endpoint PUT "/secrets/bi-secret?$v" '{"value":"SENTINEL","contentType":7}' 400 BadParameter
    Add-Endpoint PUT "/secrets/bi-secret?$v" '{"value":"SENTINEL","attributes":{"exp":"soon"}}' 400 BadParameter
    Add-Endpoint PUT "/secrets/bi-secret?$v" '{"value":"SENTINEL"}' 401 Unauthorized -NoToken
    Add-Endpoint PUT '/secrets/bi-secret' '{"value":"SENTINEL"}' 400 BadParameter
    Add-Endpoint GET "/secrets/bi-secret/xyz?$v" $null 400, 404 ''
    Add-Endpoint GET "/secrets/no-such-secret?$v" $null 404 SecretNotFound
    Add-Endpoint POST "/secrets/restore?$v" '{"value":"bm90IGEgYmFja3Vw"}' 400 BadParameter
    Add-Endpoint POST "/secrets/restore?$v" '{}' 400 BadParameter
    Add-Endpoint POST "/keys/bi-new/create?$v" '{"kty":"DSA"}' 400 BadParameter
    Add-Endpoint POST "/keys/bi-new/create?$v" '{"kty":"RSA","key_size":1000}' 400 BadParameter
    Add-Endpoint POST "/keys/bi-new/create?$v" '{"kty":"EC","crv":"P-999"}' 400 BadParameter
    Add-Endpoint POST "/keys/bi-new/create?$v" '{"kty":"RSA","key_ops":["fly"]}' 400 BadParameter
    Add-Endpoint POST "/keys/bi-new/create?$v" '{"kty":"RSA-HSM"}' 403 Forbidden
    Add-Endpoint POST "/keys/bi-key/sign?$v" '{"alg":"ROT13","value":"AQID"}' 400 BadParameter
    Add-Endpoint POST "/keys/bi-key/sign?$v" '{"alg":"RS256","value":"***"}' 400 BadParameter
    Add-Endpoint POST "/keys/bi-key/sign?$v" '{"alg":"RS256","value":"AQID"}' 400 BadParameter
    Add-Endpoint PUT "/keys/bi-key/rotationpolicy?$v" '{"attributes":{"expiryTime":"P9000Y"}}' 400 BadParameter
    Add-Endpoint PUT "/keys/bi-key/rotationpolicy?$v" '{"attributes":{"expiryTime":"P99999999999D"}}' 400 BadParameter
    Add-Endpoint PUT "/keys/bi-key/rotationpolicy?$v" '{"attributes":{"expiryTime":"P20D"}}' 400 BadParameter
    Add-Endpoint PUT "/keys/bi-key/rotationpolicy?$v" '{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P9000Y"},"action":{"type":"Rotate"}}]}' 400 BadParameter
    Add-Endpoint PUT "/keys/bi-key/rotationpolicy?$v" '{"lifetimeActions":[{"trigger":{},"action":{"type":"Rotate"}}]}' 400 BadParameter
    Add-Endpoint POST "/certificates/bi-new/create?$v" '{"policy":{"x509_props":{"subject":"CN=x","validity_months":0}}}' 400 BadParameter
    Add-Endpoint POST "/certificates/bi-new/import?$v" '{"value":""}' 400 BadParameter
    Add-Endpoint PUT "/secrets/bi-cert?$v" '{"value":"SENTINEL"}' 403 Forbidden
    Add-Endpoint POST "/secrets/bi-cert/backup?$v" '' 403 Forbidden
    Add-Endpoint DELETE "/keys/bi-cert?$v" $null 403 Forbidden
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:emulator = Start-TestEmulator
    $script:emulator | Connect-Vault -Emulator | Out-Null
    $ConfirmPreference = 'None'
    $script:folder = Join-Path ([IO.Path]::GetTempPath()) ("vt-badinput-" + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $script:folder | Out-Null
    Push-Location $script:folder

    # Values that must never show in an error, and fixtures the cases point at.
    $script:sentinel = 'bi-SENTINEL-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
    $script:secure = ConvertTo-SecureString $script:sentinel -AsPlainText -Force
    $script:pfxPassword = ConvertTo-SecureString 'bi-pfx-password' -AsPlainText -Force
    $script:recoveryPassword = ConvertTo-SecureString '111111-111111-111111-111111-111111-111111-111111-111111' -AsPlainText -Force
    $script:secretId = (Set-VaultSecret -Name bi-secret -PlainTextValue $script:sentinel -PassThru).Id
    $script:keyId = (Add-VaultKey -Name bi-key -Size 2048).Id
    $script:certificateId = (Add-VaultCertificate -Name bi-cert -SubjectName CN=bi-cert.test -ValidityInMonths 12).Id
    New-Vault -Name bi-policies -EnableRbacAuthorization $false | Out-Null

    $script:emptyPfx = Join-Path $script:folder 'empty.pfx'
    [IO.File]::WriteAllBytes($script:emptyPfx, [byte[]]@())
    $script:garbagePfx = Join-Path $script:folder 'garbage.pfx'
    [IO.File]::WriteAllBytes($script:garbagePfx, [byte[]](0x30, 1, 2, 3, 4, 5))
    $script:textFile = Join-Path $script:folder 'notes.txt'
    Set-Content -Path $script:textFile -Value 'not a backup, not a certificate'
    $script:pfx = Join-Path $script:folder 'good.pfx'
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=bi-import.test', $rsa,
        [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    $certificate = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddYears(1))
    [IO.File]::WriteAllBytes($script:pfx, $certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx, 'bi-pfx-password'))

    # Everything a refused command could have changed: entries (versions, dates, flags, tags), files here and the
    # session's connection; and what the command is about: vaults and access policies, role assignments, contacts,
    # issuers, the rotation policy.
    function Get-State([string] $Command) {
        $ErrorActionPreference = 'Stop'
        $lines = [System.Collections.Generic.List[string]]::new()
        foreach ($e in @(Get-VaultSecret) + @(Get-VaultKey) + @(Get-VaultCertificate)) {
            $lines.Add("$($e.GetType().Name) $($e.Name) $($e.Version) $($e.Enabled) $($e.Updated) $($e.ContentType) $($e.Tags.Count)")
        }
        if ($Command -match 'Vault -|AccessPolicy') { foreach ($e in Get-Vault) { $lines.Add("vault $($e.Name) $(@($e.AccessPolicies).Count)") } }
        if ($Command -match 'VaultRole') { foreach ($e in Get-VaultRoleAssignment) { $lines.Add("role $($e.Scope) $($e.ObjectId) $($e.RoleDefinitionName)") } }
        if ($Command -match 'Contact') { foreach ($e in Get-VaultCertificateContact) { $lines.Add("contact $($e.EmailAddress)") } }
        if ($Command -match 'Issuer') { foreach ($e in Get-VaultCertificateIssuer) { $lines.Add("issuer $($e.Name)") } }
        if ($Command -match 'RotationPolicy') { $p = Get-VaultKeyRotationPolicy -Name bi-key; $lines.Add("policy $($p.ExpiresIn) $($p.Updated)") }
        foreach ($f in Get-ChildItem -LiteralPath $script:folder -Recurse -Force) { $lines.Add("file $($f.FullName) $($f.Length)") }
        $c = Get-VaultConnection
        $lines.Add("connection $($c.CredentialType) $($c.TenantId) $($c.ClientId) $($c.VaultName)")
        $lines -join "`n"
    }

    # Runs a case's command; returns every error record it wrote or threw.
    function Invoke-Case([string] $Command) {
        $records = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
        $ErrorActionPreference = 'Continue'
        try {
            & ([scriptblock]::Create($Command)) 2>&1 3>$null 4>$null 5>$null 6>$null |
                Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $records.Add($_) }
        }
        catch { $records.Add($_) }
        , $records
    }

    # What a user sees of an error record, as text: its message, details, recommended action and target (formatting
    # the record with Out-String says the same at ~150 ms a record, too slow for hundreds of cases).
    function Show-Error([System.Management.Automation.ErrorRecord] $Record) {
        @("$Record", $Record.Exception.Message, "$($Record.ErrorDetails)", "$($Record.ErrorDetails.RecommendedAction)", "$($Record.TargetObject)") -join "`n"
    }

    # No raw .NET exception type name, no stack trace, no secret value (in the text Show-Error gives).
    function Assert-CleanError([string] $Text) {
        $Text | Should -Not -Match 'System\.(\w+\.)*\w*Exception\b' -Because 'no raw .NET exception type reaches the user'
        $Text | Should -Not -Match '(?m)^\s+at [\w.`<>]+\(.*\)' -Because 'no stack trace reaches the user'
        $Text.Contains($script:sentinel) | Should -BeFalse -Because 'the value never appears in an error'
        $Text.Contains('bi-pfx-password') | Should -BeFalse -Because 'a password never appears in an error'
    }
}

AfterAll {
    Pop-Location
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
    Remove-Item $script:folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe "Bad input to the cmdlets ($($cases.Count) cases)" -Tag "BadInputCases:$($cases.Count)" {
    It '<Command> -> <ErrorId>' -ForEach $cases {
        if ($Writes) { $before = Get-State $Command }
        $errors = Invoke-Case $Command
        $errors.Count | Should -BeGreaterThan 0 -Because "'$Command' must be refused"
        $first = $errors[0]
        $texts = @($errors | ForEach-Object { Show-Error $_ })
        $first.FullyQualifiedErrorId.Split(',')[0] | Should -Be $ErrorId -Because "$($first.FullyQualifiedErrorId) ($($first.CategoryInfo.Category)): $($texts[0])"
        "$($first.CategoryInfo.Category)" | Should -Be $Category
        $first.Exception.Message | Should -Match ([regex]::Escape($Parameter)) -Because 'the error names the parameter (or the reason) it is about'
        foreach ($text in $texts) { Assert-CleanError $text }
        foreach ($record in $errors) {
            $record.Exception.GetType().FullName | Should -Match '^(VaultTools\.|System\.Management\.Automation\.)' -Because 'the error is a VaultTools or PowerShell error, not a raw .NET exception'
            $inner = $record.Exception.InnerException
            while ($inner) { $inner.Message.Contains($script:sentinel) | Should -BeFalse; $inner = $inner.InnerException }
        }
        if ($Writes) { Get-State $Command | Should -Be $before -Because 'a refused command changes nothing' }
    }
}

Describe "Bad requests to the emulator's endpoints ($($endpointCases.Count) cases)" -Tag "BadInputCases:$($endpointCases.Count)" {
    BeforeAll {
        $script:token = Get-VaultAccessToken -AsPlainText
        $script:base = "$($script:emulator.VaultUri)".TrimEnd('/')
    }

    It '<Method> <Path> -> <Status> <Code>' -ForEach $endpointCases {
        $before = Get-State $Path
        $headers = if ($NoToken) { @{} } else { @{ Authorization = "Bearer $script:token" } }
        $arguments = @{ Uri = $script:base + $Path; Method = $Method; Headers = $headers; SkipCertificateCheck = $true; SkipHttpErrorCheck = $true }
        if ($null -ne $Body) { $arguments.Body = $Body.Replace('SENTINEL', $script:sentinel); $arguments.ContentType = 'application/json' }
        $response = Invoke-WebRequest @arguments
        [int]$response.StatusCode | Should -BeIn $Status -Because "$($response.Content)"
        $content = "$($response.Content)"
        if ($response.StatusCode -ne 401) {
            $errorBody = $content | ConvertFrom-Json
            $errorBody.error.code | Should -Not -BeNullOrEmpty
            $errorBody.error.message | Should -Not -BeNullOrEmpty
            if ($Code) { $errorBody.error.code | Should -Be $Code }
        }
        $content | Should -Not -Match 'System\.(\w+\.)*\w*Exception\b'
        $content | Should -Not -Match '(?m)^\s+at [\w.`<>]+\(.*\)|\\n\s+at [\w.]+\('
        $content | Should -Not -Match ([regex]::Escape($script:sentinel))
        Get-State $Path | Should -Be $before -Because 'a refused request changes nothing'
    }
}

Describe 'Backing up every secret of a vault that holds certificates' {
    It 'backs up what it can and names each certificate-managed secret it skipped, and why' {
        $out = Join-Path $script:folder 'all-secrets'
        New-Item -ItemType Directory -Path $out | Out-Null
        $secrets = @(Get-VaultSecret)
        $managed = @($secrets | Where-Object Managed)
        $managed.Name | Should -Contain 'bi-cert'
        Push-Location $out
        try { $files = @(Get-VaultSecret | Backup-VaultSecret -ErrorAction SilentlyContinue -ErrorVariable skipped) }
        finally { Pop-Location }

        $files.Count | Should -Be ($secrets.Count - $managed.Count)
        (Get-ChildItem $out).Count | Should -Be $files.Count
        $skipped.Count | Should -Be $managed.Count
        foreach ($record in $skipped) {
            $record.FullyQualifiedErrorId | Should -BeLike 'VaultSecretManagedByCertificate,*'
            "$($record.CategoryInfo.Category)" | Should -Be 'InvalidOperation'
            $record.Exception.Message | Should -Match 'backs a certificate'
            $record.Exception.Message | Should -Match 'Backup-VaultCertificate'
            Assert-CleanError (Show-Error $record)
        }
        ($skipped | ForEach-Object { $_.Exception.Message }) -join "`n" | Should -Match '/secrets/bi-cert'
    }
}
