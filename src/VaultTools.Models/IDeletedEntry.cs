using System;

namespace VaultTools
{
    /// <summary>What every soft-deleted entry (secret, key, certificate) has: where to recover it from and until when.</summary>
    public interface IDeletedEntry
    {
        string? RecoveryId { get; }
        DateTimeOffset? DeletedOn { get; }
        DateTimeOffset? ScheduledPurgeDate { get; }
    }
}
