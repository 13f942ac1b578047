using System;
using System.Security;
using VaultTools.Connection;

namespace VaultTools.BitLocker
{
    /// <summary>One recovery password protector to escrow (from Get-BitLockerVolume or given explicitly).</summary>
    public sealed class RecoveryPasswordEscrow
    {
        public string ComputerName { get; set; } = "";
        public string MountPoint { get; set; } = "";
        public string? VolumeType { get; set; }
        public string KeyProtectorId { get; set; } = "";
        public SecureString RecoveryPassword { get; set; } = null!;
        /// <summary>Wrap the password with this key (RSA-OAEP, the vault's wrapKey) before storing it.</summary>
        public string? KeyEncryptionKeyName { get; set; }
    }

    /// <summary>What Backup-BitLockerKey will do for one protector, decided without reading any secret value.</summary>
    public sealed class EscrowPlan
    {
        internal EscrowPlan(VaultAddress vault, RecoveryPasswordEscrow escrow, Guid protectorId, string secretName, string fingerprint, EscrowAction action, VaultSecretProperties? existing)
        {
            Vault = vault;
            Escrow = escrow;
            ProtectorId = protectorId;
            SecretName = secretName;
            Fingerprint = fingerprint;
            Action = action;
            Existing = existing;
        }

        internal VaultAddress Vault { get; }
        internal RecoveryPasswordEscrow Escrow { get; }
        internal Guid ProtectorId { get; }
        internal string Fingerprint { get; }
        internal VaultSecretProperties? Existing { get; }
        public string SecretName { get; }
        public EscrowAction Action { get; }

        /// <summary>The output object for this plan, before (or without) a write.</summary>
        public BitLockerKeyBackup ToBackup(string status) => new BitLockerKeyBackup
        {
            VaultName = Vault.Name,
            ComputerName = Escrow.ComputerName,
            MountPoint = Escrow.MountPoint,
            VolumeType = Escrow.VolumeType,
            KeyProtectorId = BitLockerNames.FormatProtectorId(ProtectorId),
            RecoveryKeyId = BitLockerNames.RecoveryKeyId(ProtectorId),
            SecretName = SecretName,
            Version = Existing?.Version,
            Status = status,
            Wrapped = Existing != null && Existing.ContentType == BitLockerNames.WrappedContentType,
            KeyEncryptionKeyId = Existing != null && Existing.Tags.TryGetValue(BitLockerNames.TagKeyEncryptionKeyUrl, out var kek) ? kek : null,
            Id = Existing?.Id,
        };
    }

    public enum EscrowAction
    {
        /// <summary>No secret yet: the first version is written.</summary>
        Create,
        /// <summary>The secret holds another password (or is wrapped differently): a new version is written, older ones stay.</summary>
        NewVersion,
        /// <summary>The latest version already holds this password: nothing is written.</summary>
        Unchanged,
    }

    /// <summary>What Get-BitLockerKey looks for: a recovery key ID, or a computer (and optionally one volume).</summary>
    public sealed class BitLockerQuery
    {
        public string? RecoveryKeyId { get; set; }
        public string? ComputerName { get; set; }
        public string? MountPoint { get; set; }
        /// <summary>Only Azure Disk Encryption BEK secrets (for -BekFilePath).</summary>
        public bool AdeOnly { get; set; }
    }
}
