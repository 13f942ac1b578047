using System;
using Azure;

namespace VaultTools
{
    /// <summary>
    /// A soft delete or a recovery that the vault has accepted but not yet finished: Key Vault answers
    /// at once and makes the change visible later (about a minute on Azure). <see cref="Result"/> is
    /// what the vault answered; the owning service's Wait method polls until the change is visible.
    /// Carries no Azure SDK type in its public surface.
    /// </summary>
    public sealed class PendingEntryOperation<T>
        where T : class
    {
        internal PendingEntryOperation(string vaultName, Uri vaultUri, string name, T result, Operation operation)
        {
            VaultName = vaultName;
            VaultUri = vaultUri;
            Name = name;
            Result = result;
            Operation = operation;
        }

        public string VaultName { get; }
        public Uri VaultUri { get; }
        public string Name { get; }

        /// <summary>The entry as the vault returned it when it accepted the operation.</summary>
        public T Result { get; }

        /// <summary>True once the change is visible (the deleted entry can be read, or the recovered one).</summary>
        public bool HasCompleted => Operation.HasCompleted;

        internal Operation Operation { get; }

        public override string ToString() => $"{VaultUri}{Name}";
    }
}
