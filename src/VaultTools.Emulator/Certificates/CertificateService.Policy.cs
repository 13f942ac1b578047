using System.Text.Json.Nodes;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Secrets;
using VaultTools.Emulator.Storage;
using static VaultTools.Emulator.Certificates.CertificatePolicyRules;

namespace VaultTools.Emulator.Certificates;

/// <summary>The certificates data plane (see CertificateService.cs): a certificate's policy, read and updated.</summary>
public sealed partial class CertificateService
{
    // ------------------------------------------------------------------ policy

    public JsonObject GetPolicy(DataPlaneContext dp, string name)
    {
        SecretRules.ValidateName(name);
        CompleteDueOperations(dp, name, polled: false);
        return Database.Read(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, CertificateKind, name);
            var policy = ReadPolicy(s, dp, name);
            if (policy is null || obj is { IsDeleted: true } || (obj is not null && Pending(dp, Certificate, obj.Name) == PendingChange.Recovering)
                || (obj is null && ReadOperation(s, dp, name) is null))
            {
                throw KeyVaultErrors.NotFound(Certificate, name).ToException();
            }
            return CertificatePolicyRules.ToJson(dp, obj?.Name ?? name, policy);
        });
    }

    /// <summary>PATCH /certificates/{name}/policy: the properties present replace the stored ones; the result must still be a valid policy.</summary>
    public JsonObject UpdatePolicy(DataPlaneContext dp, string name, JsonObject body)
    {
        SecretRules.ValidateName(name);
        return Database.Write(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, CertificateKind, name);
            var current = ReadPolicy(s, dp, name);
            if (obj is null || obj.IsDeleted || Pending(dp, Certificate, obj.Name) == PendingChange.Recovering || current is null)
            {
                throw KeyVaultErrors.NotFound(Certificate, name).ToException();
            }
            var updated = Validate(Apply(current, body), dp.Vault, forCreate: false) with { Updated = Now };
            WritePolicy(s, dp, obj.Name, updated);
            return CertificatePolicyRules.ToJson(dp, obj.Name, updated);
        });
    }
}
