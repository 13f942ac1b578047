namespace VaultTools.Emulator.Errors;

/// <summary>
/// The one place where error bodies are made. Texts marked "recorded" are verbatim from the real
/// service (sessions recorded against Azure); the others follow the service's style and are marked
/// "approximation" so that a later recording can correct them.
/// </summary>
public static class KeyVaultErrors
{
    private static string RecoverHint(string singular) =>
        $"If you recently deleted this {singular} you may be able to recover it using the correct recovery command. " +
        "For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182";

    // ---- 400 ----

    /// <summary>Approximation of the service's text for a missing api-version.</summary>
    public static KeyVaultError MissingApiVersion() =>
        new(400, "BadParameter", "The 'api-version' query parameter is missing or empty.");

    /// <summary>The service's answer for an api-version it does not know (its text names the newest version).</summary>
    public static KeyVaultError UnknownApiVersion(string apiVersion) =>
        new(400, "BadParameter", $"The specified version ({apiVersion}) is not recognized. Consider using the latest supported version (2025-07-01).");

    /// <summary>Approximation: the service rejects a bad object name in the URI with BadParameter.</summary>
    public static KeyVaultError InvalidName(string name) =>
        new(400, "BadParameter", $"The request URI contains an invalid name: {name}");

    public static KeyVaultError BadParameter(string message) => new(400, "BadParameter", message);

    /// <summary>Approximation: a request body over the emulator's limit (see Hosting/RequestBodyLimit.cs).</summary>
    public static KeyVaultError RequestTooLarge(string message) => new(413, "RequestEntityTooLarge", message);

    // ---- 401 ----

    /// <summary>Recorded: 401 for a request without a bearer token.</summary>
    public static KeyVaultError MissingToken(string challenge) =>
        new(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.")
        {
            Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = challenge },
        };

    /// <summary>401 for a token that is present but not acceptable (AKV100xx message).</summary>
    public static KeyVaultError InvalidToken(string challenge, string message) =>
        new(401, "Unauthorized", message)
        {
            Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = challenge },
        };

    // ---- 403 ----

    /// <summary>A generic 403 for authorizers that have no more specific body.</summary>
    public static KeyVaultError Forbidden(string message, string? innerCode = null) => new(403, "Forbidden", message, innerCode);

    /// <summary>Getting the value of a disabled secret (service text).</summary>
    public static KeyVaultError DisabledObject(string kindSingular, string operation = "get") =>
        new(403, "Forbidden", $"Operation {operation} is not allowed on a disabled {kindSingular}.",
            kindSingular switch { "secret" => "SecretDisabled", "key" => "KeyDisabled", _ => "Forbidden" });

    /// <summary>
    /// A secret or key that backs a certificate, written, deleted or recovered on its own. Reported: the
    /// secret "set" body (403 Forbidden, innererror SecretManagedByKeyVault) quoted in
    /// hashicorp/terraform-provider-azurerm#5659; the other operations and the key variant follow it (approximation).
    /// </summary>
    public static KeyVaultError ManagedByKeyVault(ObjectKind kind, string operation) =>
        new(403, "Forbidden", $"Operation \"{operation}\" is not allowed as this object's lifetime is managed by Key Vault.",
            kind.Title + "ManagedByKeyVault");

    /// <summary>
    /// A key operation that the key's key_ops do not permit. Recorded: the body quoted verbatim in the
    /// Azure SDK for Go's Key Vault troubleshooting guide.
    /// </summary>
    public static KeyVaultError KeyOperationForbidden(string operation) =>
        new(403, "Forbidden", $"Operation {operation} is not permitted on this key.", "KeyOperationForbidden");

    /// <summary>
    /// Encrypt, wrapKey or sign with a key outside its nbf/exp window (decrypt, unwrapKey and verify stay allowed, so
    /// that nothing is locked in). The refusal and its status are the service's (documented for keys); the text and
    /// inner codes are an approximation.
    /// </summary>
    public static KeyVaultError KeyOutsideValidity(string operation, bool expired) => expired
        ? new(403, "Forbidden", $"Operation {operation} is not allowed on an expired key.", "KeyExpired")
        : new(403, "Forbidden", $"Operation {operation} is not allowed on a key that is not yet valid.", "KeyNotYetValid");

    /// <summary>
    /// An RSA-HSM/EC-HSM key in a standard-SKU vault. The message is the service's, as reported in
    /// Azure/azure-sdk-for-net#6551, Azure/azure-sdk-for-js#18267 and MicrosoftDocs/azure-docs#63888;
    /// the status and code (403 Forbidden) as reported in MicrosoftDocs/azure-docs#34948 for
    /// Add-AzKeyVaultKey -Destination HSM on a standard vault. No inner code was reported.
    /// </summary>
    public static KeyVaultError HsmNotAllowedOnStandardVault() =>
        new(403, "Forbidden", "Hardware key operation not allowed on standard vault");

    /// <summary>Approximation: purge on a vault with purge protection.</summary>
    public static KeyVaultError PurgeProtected() =>
        new(403, "Forbidden",
            "Operation \"purge\" is not allowed because purge protection is enabled for this vault. " +
            "Key Vault service will automatically purge it after the retention period has passed.",
            "PurgeProtected");

    /// <summary>
    /// RBAC denial (layout as the service writes it, quoted in the Azure SDKs' troubleshooting guides).
    /// Sent by Authorization/KeyVaultAuthorizer on RBAC vaults.
    /// </summary>
    public static KeyVaultError ForbiddenByRbac(string callerAppId, string callerObjectId, string issuer,
        string action, string resourceId, string vaultName, string location) =>
        new(403, "Forbidden",
            "Caller is not authorized to perform action on resource.\r\n" +
            "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n" +
            $"Caller: appid={callerAppId};oid={callerObjectId};iss={issuer}\r\n" +
            $"Action: '{action}'\r\n" +
            $"Resource: '{resourceId.ToLowerInvariant()}'\r\n" +
            "Assignment: (not found)\r\n" +
            "DenyAssignmentId: null\r\n" +
            "DecisionReason: null \r\n" +
            $"Vault: {vaultName};location={location}\r\n",
            "ForbiddenByRbac");

    /// <summary>Access-policy denial (text from the AKS troubleshooting quote). Sent by Authorization/KeyVaultAuthorizer on access-policy vaults.</summary>
    public static KeyVaultError AccessDenied(string callerAppId, string callerObjectId, string issuer,
        string category, string permission, string vaultName, string location) =>
        new(403, "Forbidden",
            $"The user, group or application 'appid={callerAppId};oid={callerObjectId};iss={issuer}' does not have {category} {permission} permission on key vault '{vaultName};location={location}'. " +
            "For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287",
            "AccessDenied");

    // ---- 404 ----

    /// <summary>Recorded: "A secret with (name/id) X was not found in this key vault. ..."</summary>
    public static KeyVaultError NotFound(ObjectKind kind, string nameOrId) =>
        new(404, kind.NotFoundCode,
            $"A {kind.Singular} with (name/id) {nameOrId} was not found in this key vault. " + RecoverHint(kind.Singular));

    /// <summary>Recorded: "Deleted Secret not found: X".</summary>
    public static KeyVaultError DeletedNotFound(ObjectKind kind, string name) =>
        new(404, kind.NotFoundCode, $"Deleted {kind.Title} not found: {name}");

    public static KeyVaultError VaultNotFound(string vaultName) =>
        new(404, "VaultNotFound",
            $"The vault '{vaultName}' does not exist in this emulator. Vaults are addressed as https://{{vault}}.localhost:{{port}}/; " +
            "create it with --config or through the management endpoint.");

    /// <summary>A path that is not part of the Key Vault API at all.</summary>
    public static KeyVaultError UnknownPath(string method, string path) =>
        new(404, "BadParameter", $"The requested resource '{method} {path}' does not exist in the Key Vault API.");

    /// <summary>No pending operation for a certificate (approximation of the service's text).</summary>
    /// <summary>Approximation: an issuer that is not registered in the vault.</summary>
    public static KeyVaultError IssuerNotFound(string name) =>
        new(404, "CertificateIssuerNotFound", $"Issuer not found: {name}");

    /// <summary>Approximation: a vault without certificate contacts.</summary>
    public static KeyVaultError ContactsNotFound() =>
        new(404, "ContactsNotFound", "Contacts not found");

    public static KeyVaultError PendingCertificateNotFound(string name) =>
        new(404, "PendingCertificateNotFound", $"Pending certificate not found: {name}");

    // ---- 409 ----

    /// <summary>Recorded (key variant): name is deleted but recoverable.</summary>
    public static KeyVaultError DeletedButRecoverable(ObjectKind kind, string name) =>
        new(409, "Conflict",
            $"{kind.Title} {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the {kind.Singular} can only be recovered or purged.",
            "ObjectIsDeletedButRecoverable");

    /// <summary>
    /// Recorded (key create, KeyVaultKeyClient.CreateDeletedKeyBeforePollComplete): a name whose deletion is
    /// acknowledged but not yet visible (<c>--consistency-delay</c>).
    /// </summary>
    public static KeyVaultError BeingDeleted(ObjectKind kind, string name) =>
        new(409, "Conflict", $"{kind.Title} {name} is currently being deleted and cannot be re-created; retry later.", "ObjectIsBeingDeleted");

    /// <summary>Approximation, shaped like <see cref="BeingDeleted"/>: a name whose recovery is not yet visible.</summary>
    public static KeyVaultError BeingRecovered(ObjectKind kind, string name) =>
        new(409, "Conflict", $"{kind.Title} {name} is currently being recovered and cannot be re-created; retry later.", "ObjectIsBeingRecovered");

    /// <summary>Approximation: restore onto a name that exists.</summary>
    public static KeyVaultError AlreadyExists(ObjectKind kind, string name) =>
        new(409, "Conflict", $"{kind.Title} {name} already exists.", "ObjectAlreadyExists");

    /// <summary>Approximation: a certificate name held by a secret or key that does not back a certificate.</summary>
    public static KeyVaultError NameUsedByOtherKind(ObjectKind other, string name) =>
        new(409, "Conflict",
            $"A {other.Singular} named {name} already exists and does not back a certificate; a certificate needs its name for its backing key and secret.",
            "ObjectAlreadyExists");

    /// <summary>Approximation: a second create or import while a creation is pending.</summary>
    public static KeyVaultError CertificateOperationInProgress(string name) =>
        new(409, "Conflict",
            $"Certificate {name} has a pending operation in progress; wait for it to complete, or cancel or delete it (/certificates/{name}/pending).");

    // ---- certificate import (400) ----

    /// <summary>
    /// Reported: PKCS#12 content that cannot be read (a wrong password, or not PKCS#12), quoted in
    /// damienbod/AspNetCoreCertificates#38 and hashicorp/terraform-provider-azurerm#15914.
    /// </summary>
    public static KeyVaultError CertificateContentUnreadable(bool pem) => pem
        ? new(400, "BadParameter", "The specified PEM X.509 certificate content can not be read. Please check if certificate is in valid PEM format.")
        : new(400, "BadParameter", "The specified PKCS#12 X.509 certificate content can not be read. Please check if certificate is in valid PKCS#12 format.");

    /// <summary>Reported: import content without a (single) certificate with its private key, quoted in Azure/azure-sdk-for-net#26492.</summary>
    public static KeyVaultError CertificateWithoutPrivateKey() =>
        new(400, "BadParameter",
            "No certificate with private key found in the specified X.509 certificate content. Please specify X.509 certificate content with only one certificate containing private key.");

    // ---- 429 / 5xx ----

    /// <summary>Throttled body from Microsoft's documentation (Azure Key Vault throttling guidance).</summary>
    public static KeyVaultError Throttled(int retryAfterSeconds) =>
        new(429, "Throttled", "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached")
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };

    public static KeyVaultError ServiceUnavailable() =>
        new(503, "ServiceUnavailable", "The service is temporarily unavailable (fault injected by the emulator's --fault-rate).");

    /// <summary>A Key Vault operation the emulator does not implement yet: never a silent 404/400.</summary>
    public static KeyVaultError NotImplemented(string method, string path) =>
        new(501, "NotImplemented",
            $"The VaultTools emulator does not implement '{method} {path}' yet. See docs/emulator.md for what is implemented.");

    /// <summary>A feature of an implemented operation that the emulator does not support (e.g. secure key release).</summary>
    public static KeyVaultError NotImplementedFeature(string feature) =>
        new(501, "NotImplemented", $"The VaultTools emulator does not implement {feature}. See docs/emulator.md for what is implemented.");

    public static KeyVaultError InternalError(string message) => new(500, "InternalError", message);
}
