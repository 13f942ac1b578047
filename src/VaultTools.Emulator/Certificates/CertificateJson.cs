using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Certificates;

/// <summary>
/// Certificate bodies in the recorded shapes and property order (the Azure SDK for C++'s recorded certificate client tests):
/// a bundle is id, kid, sid, x5t, cer, attributes (enabled, nbf, exp, created, updated, recoveryLevel,
/// recoverableDays), tags (always, <c>{}</c> when none), then policy for the latest-version reads and
/// pending when an operation exists; a read of one version has subject, issuer and serialnumber
/// instead of policy and pending; PATCH answers without policy. List items are id, x5t, attributes
/// without the recovery properties, tags and an empty subject; deleted items start with recoveryId,
/// deletedDate, scheduledPurgeDate and keep the recovery properties.
/// </summary>
public static class CertificateJson
{
    public static string Id(DataPlaneContext dp, string name, string? version) => EntryJson.Id(dp, ObjectKind.Certificate, name, version);

    public static string PendingId(DataPlaneContext dp, string name) => $"{dp.BaseUri}/certificates/{name}/pending";

    public static string Kid(DataPlaneContext dp, string name, string version) => EntryJson.Id(dp, ObjectKind.Key, name, version);

    public static string Sid(DataPlaneContext dp, string name, string version) => EntryJson.Id(dp, ObjectKind.Secret, name, version);

    /// <summary>What a bundle ends with.</summary>
    public enum Tail
    {
        /// <summary>GET latest, delete, recover, restore, import, the completed creation: the policy (and pending when an operation exists).</summary>
        Policy,
        /// <summary>GET of one version: subject, issuer, serialnumber.</summary>
        Details,
        /// <summary>PATCH: pending when an operation exists, no policy.</summary>
        PendingOnly,
    }

    public static JsonObject Bundle(DataPlaneContext dp, string name, string version, CertificateDocument doc, Tail tail,
        CertificatePolicyDocument? policy, bool hasOperation)
    {
        var body = new JsonObject();
        AddBundle(body, dp, name, version, doc, tail, policy, hasOperation);
        return body;
    }

    public static JsonObject DeletedBundle(DataPlaneContext dp, string name, string version, CertificateDocument doc,
        CertificatePolicyDocument? policy, bool hasOperation, long deletedDate, long scheduledPurgeDate)
    {
        var body = EntryJson.DeletedHeader(dp, ObjectKind.Certificate, name, deletedDate, scheduledPurgeDate);
        AddBundle(body, dp, name, version, doc, Tail.Policy, policy, hasOperation);
        return body;
    }

    /// <summary>List item of /certificates (version null) and /certificates/{name}/versions.</summary>
    public static JsonObject Item(DataPlaneContext dp, string name, string? version, CertificateDocument doc) => new()
    {
        ["id"] = Id(dp, name, version),
        ["x5t"] = CertificateFactory.X5t(Convert.FromBase64String(doc.Cer)),
        ["attributes"] = Attributes(dp, doc, withRecovery: false),
        ["tags"] = Tags(doc),
        ["subject"] = "",
    };

    public static JsonObject DeletedItem(DataPlaneContext dp, string name, CertificateDocument doc, long deletedDate, long scheduledPurgeDate)
    {
        var body = EntryJson.DeletedHeader(dp, ObjectKind.Certificate, name, deletedDate, scheduledPurgeDate);
        body["id"] = Id(dp, name, null);
        body["x5t"] = CertificateFactory.X5t(Convert.FromBase64String(doc.Cer));
        body["attributes"] = Attributes(dp, doc, withRecovery: true);
        body["tags"] = Tags(doc);
        return body;
    }

    /// <summary>The pending operation (recorded: id, issuer, csr, cancellation_requested, status, status_details or target, request_id).</summary>
    public static JsonObject Operation(DataPlaneContext dp, string name, CertificateOperationDocument op)
    {
        var body = new JsonObject
        {
            ["id"] = PendingId(dp, name),
            ["issuer"] = new JsonObject { ["name"] = op.IssuerName },
        };
        if (op.Csr is not null)
        {
            body["csr"] = op.Csr;
        }
        body["cancellation_requested"] = op.CancellationRequested;
        body["status"] = op.Status;
        if (op.StatusDetails is not null)
        {
            body["status_details"] = op.StatusDetails;
        }
        if (op.ErrorCode is not null)
        {
            body["error"] = new JsonObject { ["code"] = op.ErrorCode, ["message"] = op.ErrorMessage };
        }
        if (op.Status == CertificateOperationStatus.Completed)
        {
            body["target"] = Id(dp, name, null);
        }
        body["request_id"] = op.RequestId;
        return body;
    }

    private static void AddBundle(JsonObject body, DataPlaneContext dp, string name, string version, CertificateDocument doc, Tail tail,
        CertificatePolicyDocument? policy, bool hasOperation)
    {
        var der = Convert.FromBase64String(doc.Cer);
        body["id"] = Id(dp, name, version);
        body["kid"] = Kid(dp, name, version);
        body["sid"] = Sid(dp, name, version);
        body["x5t"] = CertificateFactory.X5t(der);
        body["cer"] = doc.Cer;
        body["attributes"] = Attributes(dp, doc, withRecovery: true);
        body["tags"] = Tags(doc);
        if (tail == Tail.Details)
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            body["subject"] = certificate.SubjectName.Name;
            body["issuer"] = certificate.IssuerName.Name;
            body["serialnumber"] = certificate.SerialNumber;
            return;
        }
        if (tail == Tail.Policy && policy is not null)
        {
            body["policy"] = CertificatePolicyRules.ToJson(dp, name, policy);
        }
        if (hasOperation)
        {
            body["pending"] = new JsonObject { ["id"] = PendingId(dp, name) };
        }
    }

    /// <summary>A certificate's nbf and exp are its X.509 validity, always present.</summary>
    private static JsonObject Attributes(DataPlaneContext dp, CertificateDocument doc, bool withRecovery) =>
        EntryJson.Attributes(dp, doc.Enabled, doc.NotBefore, doc.Expires, doc.Created, doc.Updated, withRecovery);

    /// <summary>Always present, <c>{}</c> when none were set.</summary>
    private static JsonObject Tags(CertificateDocument doc) => EntryJson.Tags(doc.Tags);
}
