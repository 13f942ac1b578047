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
/// The certificates data plane (the certificates REST API, api-version 2025-07-01 and older): create
/// with the Self issuer (202 and a pending operation), import PFX/PEM, get and update here; the policy in
/// CertificateService.Policy.cs, the pending operation (get/cancel/delete, completion) in
/// CertificateService.Operations.cs, a version's entries and storage in CertificateService.Versions.cs; lists, soft delete, deleted get/list, recover, purge,
/// backup and restore are the entry lifecycle (<see cref="EntryService{TDocument, TBackup, TBackupVersion}"/>),
/// with the backing key and secret as companions.
///
/// As in the service, every version has a backing key (kind <c>key</c>) and a backing secret (kind
/// <c>secret</c>) of the same name and version, both <c>managed</c>: the key holds the private key
/// (PKCS#8, encrypted at rest by <see cref="KeyMaterialProtector"/>), the secret the PFX or PEM by the
/// policy's content type (also encrypted at rest). Deleting, recovering and purging a certificate does
/// the same to its key and secret; the secrets API refuses to write them on their own.
///
/// A creation is real but quick: the 202 says inProgress, the version (made at once, outside the
/// storage lock) is staged in the operation, and the operation completes on the next read of
/// /pending, or <see cref="CompletionDelay"/> after the request for a client that does not poll.
/// Until then the new version is not visible.
/// </summary>
public sealed partial class CertificateService(EmulatorDatabase database, BackupProtector backups, KeyMaterialProtector material, TimeProvider time,
    EntryVisibility visibility, CertificateAuthority ca, CertificateIssuerService issuers)
    : EntryService<CertificateDocument, CertificateBackup, CertificateBackupVersion>(ObjectKind.Certificate, database, backups, visibility, time)
{
    private const string CertificateKind = "certificate";
    private const string SecretKind = "secret";
    private const string KeyKind = "key";
    public const string PolicyKind = "certificate.policy";
    public const string OperationKind = "certificate.operation";

    /// <summary>After this, an operation that nobody polled completes on its own (the service takes seconds to a minute).</summary>
    public static readonly TimeSpan CompletionDelay = TimeSpan.FromSeconds(2);

    /// <summary>The recorded status_details of an operation in progress.</summary>
    public const string InProgressDetails =
        "Pending certificate created. Certificate request is in progress. This may take some time based on the issuer provider. Please check again later.";

    private static readonly ObjectKind Certificate = ObjectKind.Certificate;

    // ------------------------------------------------------------------ create

    /// <summary>POST /certificates/{name}/create: validates, makes the key and certificate, stores the pending operation.</summary>
    public JsonObject Create(DataPlaneContext dp, string name, JsonObject body)
    {
        SecretRules.ValidateName(name);
        var tags = SecretRules.ParseTags(body["tags"]);
        var enabled = ReadEnabled(body);
        var policyNode = body["policy"];
        CompleteDueOperations(dp, name, polled: false);

        // 1. What the request needs from storage (read lock only).
        var (basePolicy, previousKey) = Database.Read<(CertificatePolicyDocument?, (string, KeyDocument)?)>(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, CertificateKind, name);
            CheckWritable(s, dp, name, obj);
            var stored = ReadPolicy(s, dp, name);
            KeyDocument? previous = null;
            if (obj is not null)
            {
                previous = KeyDoc(s.GetVersion(dp.Vault.Name, KeyKind, obj.Name, obj.LatestVersion));
            }
            return (stored, previous is null ? null : (obj!.LatestVersion, previous));
        });
        if (policyNode is null && basePolicy is null)
        {
            throw Bad("The request needs a 'policy' for a new certificate.");
        }
        var policy = Validate(policyNode is null ? basePolicy! : Apply(new CertificatePolicyDocument(), policyNode), dp.Vault, forCreate: true);
        var fromIssuer = policy.IssuerName != SelfIssuer;
        if (fromIssuer)
        {
            issuers.CheckUsable(dp.Vault.Name, policy.IssuerName);
        }

        // 2. The key pair and the certificate, outside the storage lock (RSA 4096 takes a moment).
        var now = Time.GetUtcNow();
        using var key = ReusedKey(policy, previousKey) ?? CertificateFactory.NewKey(policy);
        var (issued, csr) = CertificateFactory.Issue(policy, key, now, fromIssuer ? ca : null);
        using (issued)
        {
            var version = SecretRules.NewVersion();
            var staged = Stage(dp, name, version, issued, key, fromIssuer ? [ca.Root] : [], policy, tags, enabled ?? true);
            var operation = new CertificateOperationDocument
            {
                RequestId = Guid.NewGuid().ToString("N"),
                Status = CertificateOperationStatus.InProgress,
                StatusDetails = InProgressDetails,
                IssuerName = policy.IssuerName,
                Csr = Convert.ToBase64String(csr),
                Created = now.ToUnixTimeSeconds(),
                // From when the answer goes out (key generation can take a while), rounded up: never less than CompletionDelay.
                ReadyAt = (long)Math.Ceiling((Time.GetUtcNow() + CompletionDelay).ToUnixTimeMilliseconds() / 1000.0),
                Staged = staged,
            };

            // 3. Store the policy and the operation (checks repeated under the write lock).
            return Database.Write(s =>
            {
                var (storedName, _) = StorePolicyForNewVersion(s, dp, name, policy);
                WriteOperation(s, dp, storedName, operation);
                return CertificateJson.Operation(dp, storedName, operation);
            });
        }
    }

    private AsymmetricAlgorithm? ReusedKey(CertificatePolicyDocument policy, (string Version, KeyDocument Doc)? previous)
    {
        if (!policy.ReuseKey || previous is not { } p)
        {
            return null;
        }
        var key = CertificateFactory.KeyFromPkcs8(material.Unprotect(p.Doc.PrivateKey, p.Version), p.Doc.Kty.StartsWith("RSA", StringComparison.Ordinal));
        if (CertificateFactory.Matches(key, policy))
        {
            return key;
        }
        key.Dispose(); // the policy changed the key type or size: a new key, as the service must
        return null;
    }

    // ------------------------------------------------------------------ import

    /// <summary>POST /certificates/{name}/import: a PFX (base64, with pwd) or PEM with its private key, as a new version.</summary>
    public JsonObject Import(DataPlaneContext dp, string name, JsonObject body)
    {
        SecretRules.ValidateName(name);
        var value = String(body, "value");
        if (string.IsNullOrEmpty(value))
        {
            throw Bad("The property 'value' (the certificate content) is required.");
        }
        var password = String(body, "pwd");
        var tags = SecretRules.ParseTags(body["tags"]);
        var enabled = ReadEnabled(body);
        var requested = Apply(new CertificatePolicyDocument { IssuerName = UnknownIssuer, LifetimeActions = null }, body["policy"]);
        if (requested.ContentType is not (Pkcs12 or Pem))
        {
            throw Bad($"The content type '{requested.ContentType}' is not supported; use {Pkcs12} or {Pem}.");
        }

        CompleteDueOperations(dp, name, polled: false);
        var imported = CertificateFactory.ReadImport(value, password, requested.ContentType == Pem);
        using var key = imported.Key;
        var policy = Validate(CertificateFactory.PolicyFromCertificate(imported.Leaf, key, requested), dp.Vault, forCreate: false, isImport: true);
        var version = SecretRules.NewVersion();
        var staged = Stage(dp, name, version, imported.Leaf, key, imported.Chain, policy, tags, enabled ?? true);

        return Database.Write(s =>
        {
            var (storedName, stored) = StorePolicyForNewVersion(s, dp, name, policy);
            var doc = AddVersions(s, dp, storedName, staged);
            return CertificateJson.Bundle(dp, storedName, version, doc, CertificateJson.Tail.Policy, stored, ReadOperation(s, dp, storedName) is not null);
        });
    }

    // ------------------------------------------------------------------ read

    public override JsonObject Get(DataPlaneContext dp, string name, string? version)
    {
        SecretRules.ValidateName(name);
        CompleteDueOperations(dp, name, polled: false);
        return Database.Read(s =>
        {
            var found = FindActiveVersion(s, dp, name, version);
            return found.IsLatest
                ? LatestBundle(s, dp, found.Name, found.Version, found.Document)
                : CertificateJson.Bundle(dp, found.Name, found.Version, found.Document, CertificateJson.Tail.Details, null, false);
        });
    }

    // ------------------------------------------------------------------ update

    /// <summary>PATCH /certificates/{name}/{version}: enabled (also of the backing key and secret) and tags; a policy in the body updates the policy.</summary>
    public override JsonObject Update(DataPlaneContext dp, string name, string? version, JsonObject body)
    {
        SecretRules.ValidateName(name);
        var tags = SecretRules.ParseTags(body["tags"]);
        var enabled = ReadEnabled(body);
        var policyNode = body["policy"];
        CompleteDueOperations(dp, name, polled: false);
        return Database.Write(s =>
        {
            var found = FindActiveVersion(s, dp, name, version);
            var (storedName, storedVersion) = (found.Name, found.Version);
            if (policyNode is not null)
            {
                var current = ReadPolicy(s, dp, storedName) ?? new CertificatePolicyDocument();
                WritePolicy(s, dp, storedName, Validate(Apply(current, policyNode), dp.Vault, forCreate: false) with { Updated = Now });
            }
            var doc = found.Document with
            {
                Enabled = enabled ?? found.Document.Enabled,
                Tags = tags ?? found.Document.Tags,
                Updated = Now,
            };
            s.ReplaceVersionDocument(dp.Vault.Name, CertificateKind, storedName, storedVersion, StorageJson.Serialize(doc));
            if (enabled is { } flag)
            {
                // A disabled certificate's key and secret cannot be used either.
                if (s.GetVersion(dp.Vault.Name, SecretKind, storedName, storedVersion) is { } secret)
                {
                    var secretDoc = StorageJson.Deserialize<SecretDocument>(secret.Document) with { Enabled = flag, Updated = Now };
                    s.ReplaceVersionDocument(dp.Vault.Name, SecretKind, storedName, storedVersion, StorageJson.Serialize(secretDoc));
                }
                if (KeyDoc(s.GetVersion(dp.Vault.Name, KeyKind, storedName, storedVersion)) is { } keyDoc)
                {
                    s.ReplaceVersionDocument(dp.Vault.Name, KeyKind, storedName, storedVersion, StorageJson.Serialize(keyDoc with { Enabled = flag, Updated = Now }));
                }
            }
            return CertificateJson.Bundle(dp, storedName, storedVersion, doc, CertificateJson.Tail.PendingOnly, null, ReadOperation(s, dp, storedName) is not null);
        });
    }
}
