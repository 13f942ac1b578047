using System;
using System.Threading;
using Azure;
using VaultTools.Connection;
using VaultTools.Internal;

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

        internal VaultAddress Vault => new VaultAddress(VaultName, VaultUri);

        /// <summary>
        /// Polls the operation within the service's <see cref="IEntryLifecycle.Polling"/> until the change is visible;
        /// false when it is still not at the end of the wait. The one wait behind the services' WaitFor (secrets,
        /// keys, certificates); failures name the entry's URL.
        /// </summary>
        internal bool Wait(IEntryLifecycle service, Action<OperationProgress>? progress, CancellationToken cancellationToken)
        {
            string what = Result is IDeletedEntry ? "deletion" : "recovery";
            string noun = service.Kind.ToString().ToLowerInvariant();
            return Translate.Call(service.Kind, service.EntryUrl(Vault, Name), () => Polling.Until(
                () => Operation.HasCompleted,
                () => Operation.UpdateStatus(cancellationToken),
                service.Polling,
                () => $"Waiting for the {what} of {noun} '{Name}' to complete",
                progress,
                cancellationToken));
        }

        public override string ToString() => $"{VaultUri}{Name}";
    }
}
