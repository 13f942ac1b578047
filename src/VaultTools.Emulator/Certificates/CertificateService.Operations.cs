using System.Text.Json.Nodes;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Secrets;
using VaultTools.Emulator.Storage;
using static VaultTools.Emulator.Certificates.CertificatePolicyRules;

namespace VaultTools.Emulator.Certificates;

/// <summary>The certificates data plane (see CertificateService.cs): pending operations and their completion.</summary>
public sealed partial class CertificateService
{
    // ------------------------------------------------------------------ pending operation

    /// <summary>GET /certificates/{name}/pending: reading it is what lets a creation complete.</summary>
    public JsonObject GetOperation(DataPlaneContext dp, string name)
    {
        SecretRules.ValidateName(name);
        CompleteDueOperations(dp, name, polled: true);
        return Database.Read(s =>
        {
            var op = ReadOperation(s, dp, name) ?? throw KeyVaultErrors.PendingCertificateNotFound(name).ToException();
            return CertificateJson.Operation(dp, StoredName(s, dp, name), op);
        });
    }

    /// <summary>PATCH /certificates/{name}/pending with cancellation_requested: cancels an operation in progress (its version is never stored).</summary>
    public JsonObject UpdateOperation(DataPlaneContext dp, string name, JsonObject body)
    {
        SecretRules.ValidateName(name);
        var cancel = Bool(body, "cancellation_requested") ?? throw Bad("The property 'cancellation_requested' (boolean) is required.");
        return Database.Write(s =>
        {
            var op = ReadOperation(s, dp, name) ?? throw KeyVaultErrors.PendingCertificateNotFound(name).ToException();
            if (cancel && op.InProgress)
            {
                op = op with
                {
                    Status = CertificateOperationStatus.Cancelled,
                    StatusDetails = "The certificate operation was cancelled at the request of the caller.",
                    CancellationRequested = true,
                    Staged = null,
                };
            }
            else if (cancel)
            {
                op = op with { CancellationRequested = true }; // too late: the operation has ended
            }
            WriteOperation(s, dp, name, op);
            return CertificateJson.Operation(dp, StoredName(s, dp, name), op);
        });
    }

    /// <summary>DELETE /certificates/{name}/pending: forgets the operation (an operation in progress never stores its version).</summary>
    public JsonObject DeleteOperation(DataPlaneContext dp, string name)
    {
        SecretRules.ValidateName(name);
        return Database.Write(s =>
        {
            var op = ReadOperation(s, dp, name) ?? throw KeyVaultErrors.PendingCertificateNotFound(name).ToException();
            var storedName = StoredName(s, dp, name);
            s.SetSetting(dp.Vault.Name, OperationKind, name, null);
            return CertificateJson.Operation(dp, storedName, op with { Staged = null });
        });
    }

    // ------------------------------------------------------------------ completion of creations

    private void CompleteDueOperations(DataPlaneContext dp, string? name, bool polled)
    {
        var now = Now;
        var due = Database.Read(s => name is null
            ? s.ListSettings(dp.Vault.Name, OperationKind).Any(x => IsDue(StorageJson.Deserialize<CertificateOperationDocument>(x.Document), now, polled))
            : ReadOperation(s, dp, name) is { } op && IsDue(op, now, polled));
        if (!due)
        {
            return;
        }
        Database.Write(s =>
        {
            if (name is not null)
            {
                CompleteDue(s, dp, name, polled);
                return;
            }
            foreach (var (opName, _) in s.ListSettings(dp.Vault.Name, OperationKind))
            {
                CompleteDue(s, dp, opName, polled);
            }
        });
    }

    private static bool IsDue(CertificateOperationDocument op, long now, bool polled) => op.InProgress && (polled || now >= op.ReadyAt);

    private void CompleteDue(StorageSession s, DataPlaneContext dp, string name, bool polled)
    {
        var op = ReadOperation(s, dp, name);
        if (op is null || !IsDue(op, Now, polled))
        {
            return;
        }
        var obj = s.GetObject(dp.Vault.Name, CertificateKind, name);
        var storedName = obj?.Name ?? name;
        if (op.Staged is null || obj is { IsDeleted: true })
        {
            WriteOperation(s, dp, storedName, op with
            {
                Status = CertificateOperationStatus.Failed,
                StatusDetails = null,
                ErrorCode = "Conflict",
                ErrorMessage = $"Certificate {storedName} was deleted while the operation was in progress.",
                Staged = null,
            });
            return;
        }
        try
        {
            CheckWritable(s, dp, storedName, obj, ignoreOperation: true);
        }
        catch (KeyVaultErrorException ex)
        {
            // A key or secret took the new certificate's name while it was being issued.
            WriteOperation(s, dp, storedName, op with
            {
                Status = CertificateOperationStatus.Failed,
                StatusDetails = null,
                ErrorCode = ex.Error.Code,
                ErrorMessage = ex.Error.Message,
                Staged = null,
            });
            return;
        }
        AddVersions(s, dp, storedName, op.Staged);
        WriteOperation(s, dp, storedName, op with { Status = CertificateOperationStatus.Completed, StatusDetails = null, Staged = null });
    }
}
