using System;
using System.Security;
using VaultTools.Errors;
using VaultTools.Keys;

namespace VaultTools.Rotation
{
    /// <summary>How a call of Invoke-VaultRotation rotates: the call-wide policy, value generation and hooks.</summary>
    public sealed class RotationRequest
    {
        /// <summary>The interval of entries without a RotationInterval tag.</summary>
        public IsoDuration? Interval { get; set; }

        /// <summary>The notice window of entries without a RotationNotice tag.</summary>
        public IsoDuration? Notice { get; set; }

        /// <summary>Rotate whatever the policy says.</summary>
        public bool Force { get; set; }

        public int Length { get; set; } = SecretGenerator.DefaultLength;

        public SecretCharacters Characters { get; set; } = SecretCharacters.Alphanumeric;

        /// <summary>Makes a secret's new value (instead of the generator); must return a non-empty value.</summary>
        public Func<RotationEntry, SecureString>? NewValue { get; set; }

        /// <summary>Gives the new value to the system that uses it, before the new version becomes current; throws to refuse.</summary>
        public Action<RotationEntry, SecureString>? Update { get; set; }

        /// <summary>How many entries rotate at once. Hooks (NewValue, Update) run one entry at a time on the caller's thread.</summary>
        public int ThrottleLimit { get; set; } = 4;

        public void Validate()
        {
            SecretGenerator.Check(Length, Characters);
            if (ThrottleLimit < 1 || ThrottleLimit > 32)
            {
                throw VaultException.InvalidArgument("InvalidThrottleLimit", "ThrottleLimit", $"-ThrottleLimit {ThrottleLimit} is out of range: 1 to 32.", ThrottleLimit);
            }
        }
    }

    /// <summary>One entry and what the plan decided for it.</summary>
    public sealed class RotationCandidate
    {
        internal RotationCandidate(VaultTools.Connection.VaultAddress vault, EntryKind kind, RotationEntry entry)
        {
            Vault = vault;
            Kind = kind;
            Entry = entry;
        }

        public VaultTools.Connection.VaultAddress Vault { get; }

        public EntryKind Kind { get; }

        public RotationEntry Entry { get; }

        internal RotationPolicy? Policy { get; set; }

        /// <summary>Set when the entry's policy could not be read (a malformed tag): it is reported Failed and not touched.</summary>
        public VaultException? PolicyError { get; internal set; }

        public bool Due { get; internal set; }

        public string Reason { get; internal set; } = "";

        public DateTimeOffset? NextDue { get; internal set; }

        /// <summary>The result of an entry that is not rotated (Skipped, or Failed for a bad policy), or of -WhatIf (WouldRotate).</summary>
        public RotationResult ToResult(RotationAction action, string? reason = null) => new RotationResult
        {
            VaultName = Vault.Name,
            Name = Entry.Name,
            Kind = Entry.Kind,
            Action = action,
            Reason = reason ?? Reason,
            FailedStep = action == RotationAction.Failed ? "Policy" : null,
            OldVersion = Entry.Version,
            NextDue = NextDue,
            CredentialId = Entry.CredentialId,
            Id = Entry.Id,
        };
    }

    /// <summary>What rotating one entry produced: its result, and the error of a failed (or half-done) step.</summary>
    public sealed class RotationOutcome
    {
        public RotationOutcome(RotationResult result, VaultException? error = null)
        {
            Result = result;
            Error = error;
        }

        public RotationResult Result { get; }

        public VaultException? Error { get; }
    }
}
