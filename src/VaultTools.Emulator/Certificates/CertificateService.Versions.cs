using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Keys;
using VaultTools.Emulator.Secrets;
using VaultTools.Emulator.Storage;
using static VaultTools.Emulator.Certificates.CertificatePolicyRules;

namespace VaultTools.Emulator.Certificates;

/// <summary>
/// The certificates data plane (see CertificateService.cs): a version's three entries (certificate, backing key,
/// backing secret) staged and stored together, whether a name may take a new version, and the stored policy and
/// pending operation of a name.
/// </summary>
public sealed partial class CertificateService
{
    // ------------------------------------------------------------------ versions: staging (completion: CertificateService.Operations.cs)

    /// <summary>The documents of a new version: certificate, backing key (private key encrypted), backing secret (value encrypted).</summary>
    private StagedVersion Stage(DataPlaneContext dp, string name, string version, X509Certificate2 certificate, AsymmetricAlgorithm key,
        IReadOnlyList<X509Certificate2> chain, CertificatePolicyDocument policy, Dictionary<string, string>? tags, bool enabled)
    {
        var der = certificate.RawData;
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime()).ToUnixTimeSeconds();
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds();
        var pkcs8 = CertificateFactory.Pkcs8(key);
        var (n, e, crv, x, y) = CertificateFactory.PublicParameters(key);

        using var leaf = X509CertificateLoader.LoadCertificate(der);
        using var leafWithKey = key is RSA rsa ? leaf.CopyWithPrivateKey(rsa) : leaf.CopyWithPrivateKey((ECDsa)key);
        var secretValue = CertificateFactory.SecretValue(leafWithKey, chain, policy.ContentType, policy.Exportable);

        return new StagedVersion
        {
            Version = version,
            Certificate = new CertificateDocument
            {
                Cer = Convert.ToBase64String(der),
                Tags = tags ?? new Dictionary<string, string>(StringComparer.Ordinal),
                Enabled = enabled,
                NotBefore = notBefore,
                Expires = notAfter,
            },
            Key = new KeyDocument
            {
                Kty = policy.Kty,
                KeyOps = CertificateFactory.KeyOperations(key is RSA, policy.KeyUsage ?? []),
                N = n,
                E = e,
                Crv = crv,
                X = x,
                Y = y,
                PrivateKey = material.Protect(pkcs8, version),
                Enabled = enabled,
                NotBefore = notBefore,
                Expires = notAfter,
                Exportable = policy.Exportable,
                Managed = true,
            },
            Secret = ProtectSecret(version, new SecretDocument
            {
                Value = "",
                ContentType = policy.ContentType,
                Tags = new Dictionary<string, string>(StringComparer.Ordinal),
                Enabled = enabled,
                NotBefore = notBefore,
                Expires = notAfter,
                Managed = true,
                Kid = CertificateJson.Kid(dp, name, version),
            }, secretValue),
        };
    }

    private SecretDocument ProtectSecret(string version, SecretDocument doc, string value) =>
        doc with { Value = "", ProtectedValue = material.Protect(Encoding.UTF8.GetBytes(value), SecretDocument.ProtectionBinding(version)) };

    private string RevealSecret(string version, SecretDocument doc) =>
        doc.ProtectedValue is null ? doc.Value : Encoding.UTF8.GetString(material.Unprotect(doc.ProtectedValue, SecretDocument.ProtectionBinding(version)));

    /// <summary>
    /// In the write of a create or an import: completes a creation that is due, checks that the name can take
    /// a new version (<see cref="CheckWritable"/>) and stores the policy, keeping its first created time.
    /// Returns the name as first created and the policy as stored.
    /// </summary>
    private (string StoredName, CertificatePolicyDocument Policy) StorePolicyForNewVersion(StorageSession s, DataPlaneContext dp, string name,
        CertificatePolicyDocument policy)
    {
        CompleteDue(s, dp, name, polled: false);
        var obj = s.GetObject(dp.Vault.Name, CertificateKind, name);
        CheckWritable(s, dp, name, obj);
        var storedName = obj?.Name ?? name;
        var existing = ReadPolicy(s, dp, name);
        var stored = policy with { Created = existing?.Created ?? Now, Updated = Now };
        WritePolicy(s, dp, storedName, stored);
        return (storedName, stored);
    }

    /// <summary>Stores a staged version as the latest of the certificate, its key and its secret.</summary>
    private CertificateDocument AddVersions(StorageSession s, DataPlaneContext dp, string name, StagedVersion staged)
    {
        var now = Now;
        var certificate = staged.Certificate with { Created = now, Updated = now };
        s.AddVersion(dp.Vault.Name, KeyKind, name, staged.Version, StorageJson.Serialize(staged.Key with { Created = now, Updated = now }));
        s.AddVersion(dp.Vault.Name, SecretKind, name, staged.Version, StorageJson.Serialize(staged.Secret with { Created = now, Updated = now }));
        s.AddVersion(dp.Vault.Name, CertificateKind, name, staged.Version, StorageJson.Serialize(certificate));
        return certificate;
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>A name can take a new version unless it is deleted, held by a secret or key of its own, or mid-creation.</summary>
    private void CheckWritable(StorageSession s, DataPlaneContext dp, string name, StoredObject? certificate, bool ignoreOperation = false)
    {
        if (NameInUse(dp, Certificate, certificate) is { } conflict)
        {
            throw conflict.ToException();
        }
        foreach (var (kind, objectKind) in (IEnumerable<(string, ObjectKind)>)[(SecretKind, ObjectKind.Secret), (KeyKind, ObjectKind.Key)])
        {
            var other = s.GetObject(dp.Vault.Name, kind, name);
            if (other is null || (certificate is not null && IsManaged(s.GetVersion(dp.Vault.Name, kind, other.Name, other.LatestVersion))))
            {
                continue;
            }
            throw (other.IsDeleted
                ? NameInUse(dp, objectKind, other)!
                : KeyVaultErrors.NameUsedByOtherKind(objectKind, other.Name)).ToException();
        }
        if (!ignoreOperation && ReadOperation(s, dp, name) is { InProgress: true })
        {
            throw KeyVaultErrors.CertificateOperationInProgress(certificate?.Name ?? name).ToException();
        }
    }

    private static bool IsManaged(StoredVersion? version) =>
        version is not null && JsonNode.Parse(version.Document)?["managed"] is JsonValue v && v.TryGetValue<bool>(out var managed) && managed;

    /// <summary>The latest version with the policy, and pending when an operation exists (GET without a version, recover, restore).</summary>
    private static JsonObject LatestBundle(StorageSession s, DataPlaneContext dp, string name, string version, CertificateDocument doc) =>
        CertificateJson.Bundle(dp, name, version, doc, CertificateJson.Tail.Policy, ReadPolicy(s, dp, name), ReadOperation(s, dp, name) is not null);

    private static string StoredName(StorageSession s, DataPlaneContext dp, string name) =>
        s.GetObject(dp.Vault.Name, CertificateKind, name)?.Name ?? name;

    private static KeyDocument? KeyDoc(StoredVersion? v) => v is null ? null : StorageJson.Deserialize<KeyDocument>(v.Document);

    private static CertificatePolicyDocument? ReadPolicy(StorageSession s, DataPlaneContext dp, string name) =>
        s.GetSetting(dp.Vault.Name, PolicyKind, name) is { } json ? StorageJson.Deserialize<CertificatePolicyDocument>(json) : null;

    private static void WritePolicy(StorageSession s, DataPlaneContext dp, string name, CertificatePolicyDocument policy) =>
        s.SetSetting(dp.Vault.Name, PolicyKind, name, StorageJson.Serialize(policy));

    private static CertificateOperationDocument? ReadOperation(StorageSession s, DataPlaneContext dp, string name) =>
        s.GetSetting(dp.Vault.Name, OperationKind, name) is { } json ? StorageJson.Deserialize<CertificateOperationDocument>(json) : null;

    private static void WriteOperation(StorageSession s, DataPlaneContext dp, string name, CertificateOperationDocument op) =>
        s.SetSetting(dp.Vault.Name, OperationKind, name, StorageJson.Serialize(op));

    /// <summary><c>attributes.enabled</c> of a request (certificates derive nbf and exp from the X.509 certificate).</summary>
    private static bool? ReadEnabled(JsonObject body) => Section(body, "attributes") is { } attributes ? Bool(attributes, "enabled") : null;
}
