using System;
using System.Collections.Generic;

namespace VaultTools
{
    /// <summary>What Invoke-VaultRotation did with one entry.</summary>
    public enum RotationAction
    {
        /// <summary>A new version is current.</summary>
        Rotated,
        /// <summary>Not due (or nothing to do); nothing changed.</summary>
        Skipped,
        /// <summary>A step failed; the old version is still current and untouched.</summary>
        Failed,
        /// <summary>-WhatIf: would rotate; nothing changed.</summary>
        WouldRotate,
    }

    /// <summary>
    /// One entry's outcome of Invoke-VaultRotation (output type, table view). Name, VaultName and Id bind
    /// by property name into Get-VaultSecret and the other entry cmdlets.
    /// </summary>
    public sealed class RotationResult : IVaultEntry
    {
        public string VaultName { get; set; } = "";
        public string Name { get; set; } = "";
        /// <summary>Secret, Key or Certificate.</summary>
        public string Kind { get; set; } = "";
        public RotationAction Action { get; set; }
        /// <summary>Why: what made it due, why it was skipped, or which step failed and how.</summary>
        public string Reason { get; set; } = "";
        /// <summary>For Failed: the step that failed (NewValue, Update, AddPassword, StoreVersion, RemovePassword, RotateKey, RenewCertificate).</summary>
        public string? FailedStep { get; set; }
        public string? OldVersion { get; set; }
        public string? NewVersion { get; set; }
        /// <summary>When the entry is due next (after this rotation when it rotated).</summary>
        public DateTimeOffset? NextDue { get; set; }
        /// <summary>The current version's CredentialId tag (an app registration password's keyId, or key1/key2 for dual-credential targets).</summary>
        public string? CredentialId { get; set; }
        /// <summary>The entry's URL, with the version current after this call.</summary>
        public string Id { get; set; } = "";

        string? IVaultEntry.Version => NewVersion ?? OldVersion;

        public override string ToString() => $"{Kind} {Name}: {Action}";
    }

    /// <summary>
    /// The entry being rotated, as the -NewValue and -Update script blocks of Invoke-VaultRotation receive it
    /// ($_ / $args[0]): its current version's properties, and for dual-credential targets the credential to renew.
    /// </summary>
    public sealed class RotationEntry : IVaultEntry
    {
        public string VaultName { get; set; } = "";
        public Uri? VaultUri { get; set; }
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Version { get; set; }
        public string Id { get; set; } = "";
        public bool Enabled { get; set; } = true;
        public DateTimeOffset? Created { get; set; }
        public DateTimeOffset? Expires { get; set; }
        public string? ContentType { get; set; }
        public Dictionary<string, string> Tags { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
        /// <summary>The current version's CredentialId tag.</summary>
        public string? CredentialId { get; set; }
        /// <summary>The credential the new value belongs to: the next of the RotationCredentials tag (key1 -> key2 -> key1), else null.</summary>
        public string? NextCredentialId { get; set; }

        public override string ToString() => Id;
    }
}
