using System.Text.Json.Nodes;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Certificates;

/// <summary>
/// What the service does by itself for certificates: when the AutoRenew lifetime action of a certificate's policy is
/// due on the emulator's clock (<c>lifetime_percentage</c> of the current version's validity has passed, or it is
/// <c>days_before_expiry</c> from its expiry), the certificate is renewed with its policy: a new version, as a
/// create without a policy makes one, completed at once. Certificates whose issuer is Unknown (imported ones, unless
/// their policy was changed) are not renewed, nor are those with an operation in progress. EmailContacts actions send
/// nothing.
/// </summary>
public sealed class CertificateLifetimeActions(EmulatorDatabase database, VaultStore vaults, CertificateService certificates, EmulatorRuntime runtime) : ITimeDrivenWork
{
    public Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var vault in vaults.List())
        {
            var due = database.Read(s => s.ListSettings(vault.Name, CertificateService.PolicyKind)
                .Select(x => (x.Name, Tags: DueTags(s, vault.Name, x.Name, StorageJson.Deserialize<CertificatePolicyDocument>(x.Document), now)))
                .Where(x => x.Tags is not null)
                .ToList());
            var dp = DataPlaneContext.ForBackground(vault, runtime);
            foreach (var (name, tags) in due)
            {
                try
                {
                    certificates.Create(dp, name, new JsonObject { ["tags"] = tags });
                    certificates.GetOperation(dp, name); // a polled operation completes at once
                }
                catch (KeyVaultErrorException)
                {
                    // deleted or changed meanwhile: nothing to renew
                }
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The current version's tags (carried to the renewed version) when AutoRenew is due; null when not.</summary>
    private static JsonObject? DueTags(StorageSession s, string vault, string name, CertificatePolicyDocument policy, DateTimeOffset now)
    {
        var renew = (policy.LifetimeActions ?? []).Where(a => a.ActionType.Equals("AutoRenew", StringComparison.OrdinalIgnoreCase)).ToList();
        if (renew.Count == 0 || policy.IssuerName.Equals(CertificatePolicyRules.UnknownIssuer, StringComparison.OrdinalIgnoreCase)
            || s.GetObject(vault, "certificate", name) is not { IsDeleted: false } obj
            || s.GetVersion(vault, "certificate", name, obj.LatestVersion) is not { } latest
            || (s.GetSetting(vault, CertificateService.OperationKind, name) is { } op && StorageJson.Deserialize<CertificateOperationDocument>(op).InProgress))
        {
            return null;
        }
        var doc = StorageJson.Deserialize<CertificateDocument>(latest.Document);
        var at = now.ToUnixTimeSeconds();
        var isDue = renew.Any(a =>
            (a.LifetimePercentage is { } percent && at >= doc.NotBefore + ((doc.Expires - doc.NotBefore) * percent / 100))
            || (a.DaysBeforeExpiry is { } days && at >= doc.Expires - (days * 86400L)));
        return isDue ? Entries.EntryJson.Tags(doc.Tags) : null;
    }
}
