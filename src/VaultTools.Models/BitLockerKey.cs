using System;
using System.Security;

namespace VaultTools
{
    /// <summary>
    /// What Backup-BitLockerKey did for one recovery password protector: Written (a new secret or a new
    /// version), Unchanged (already escrowed, nothing written) or WhatIf. Never holds the password.
    /// </summary>
    public sealed class BitLockerKeyBackup
    {
        public string VaultName { get; set; } = "";
        public string ComputerName { get; set; } = "";
        public string MountPoint { get; set; } = "";
        public string? VolumeType { get; set; }
        /// <summary>The protector's GUID in braces, as BitLocker shows it.</summary>
        public string KeyProtectorId { get; set; } = "";
        /// <summary>The first 8 characters of the protector id: the key ID on the recovery screen.</summary>
        public string RecoveryKeyId { get; set; } = "";
        public string SecretName { get; set; } = "";
        public string? Version { get; set; }
        public string Status { get; set; } = "";
        public bool Wrapped { get; set; }
        /// <summary>The versioned key-encryption key that wrapped the password, when wrapped.</summary>
        public string? KeyEncryptionKeyId { get; set; }
        public string? Id { get; set; }

        public override string ToString() => SecretName;
    }

    /// <summary>
    /// A recovery key found by Get-BitLockerKey: a BitLocker recovery password escrowed by Backup-BitLockerKey
    /// (Kind RecoveryPassword) or a BEK secret written by Azure Disk Encryption (Kind AzureDiskEncryption).
    /// The password is a SecureString; RecoveryPasswordText is set only with -AsPlainText.
    /// </summary>
    public sealed class BitLockerRecoveryKey
    {
        public string VaultName { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? ComputerName { get; set; }
        public string? MountPoint { get; set; }
        public string? VolumeType { get; set; }
        public string? KeyProtectorId { get; set; }
        public string? RecoveryKeyId { get; set; }
        public SecureString? RecoveryPassword { get; set; }
        /// <summary>The password in its 8 groups; only with -AsPlainText.</summary>
        public string? RecoveryPasswordText { get; set; }
        /// <summary>ADE: the name of the .BEK file the disk expects (tag DiskEncryptionKeyFileName).</summary>
        public string? BekFileName { get; set; }
        /// <summary>ADE with -BekFilePath: the file written.</summary>
        public string? BekFilePath { get; set; }
        public bool Wrapped { get; set; }
        public string? KeyEncryptionKeyId { get; set; }
        public DateTimeOffset? BackupTime { get; set; }
        public string SecretName { get; set; } = "";
        public string? Version { get; set; }
        public string Id { get; set; } = "";

        public override string ToString() => SecretName;
    }
}
