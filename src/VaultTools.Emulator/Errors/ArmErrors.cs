namespace VaultTools.Emulator.Errors;

/// <summary>
/// The one place where Azure Resource Manager error bodies are made: <c>{"error":{"code":...,"message":...}}</c>
/// (no innererror), built as <see cref="KeyVaultError"/> so that the same middleware writes them. Texts
/// marked "ARM's text" follow messages ARM is known to send (public error reports and Microsoft's
/// troubleshooting pages); the others keep ARM's status and code with the emulator's wording
/// ("approximation").
/// </summary>
public static class ArmErrors
{
    private const string Allowed = "'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'";

    private static KeyVaultError Make(int status, string code, string message) => new(status, code, message);

    // ---- 400 ----

    /// <summary>ARM's text.</summary>
    public static KeyVaultError MissingApiVersion() =>
        Make(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");

    /// <summary>Approximation of ARM's answer for an api-version a resource provider does not serve.</summary>
    public static KeyVaultError UnsupportedApiVersion(string apiVersion, string resourceType, string supported) =>
        Make(400, "NoRegisteredProviderFound",
            $"No registered resource provider found for API version '{apiVersion}' and type '{resourceType}'. The supported api-versions are '{supported}'.");

    /// <summary>ARM's text.</summary>
    public static KeyVaultError InvalidSubscriptionId(string subscriptionId) =>
        Make(400, "InvalidSubscriptionId", $"The provided subscription identifier '{subscriptionId}' is malformed or invalid.");

    /// <summary>Approximation: a scope that is not a subscription, resource group, vault or vault entry.</summary>
    public static KeyVaultError InvalidScope(string scope, string reason) =>
        Make(400, "InvalidScope",
            $"The scope '{scope}' is not valid: {reason} The emulator's scopes are /subscriptions/{{s}}, /subscriptions/{{s}}/resourceGroups/{{rg}}, " +
            "/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault} and that followed by /secrets/{name}, /keys/{name} or /certificates/{name}.");

    /// <summary>Approximation: a body that is not the JSON object the operation takes.</summary>
    public static KeyVaultError InvalidRequestContent(string message) =>
        Make(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized: " + message);

    /// <summary>Approximation: a property with a value the provider refuses.</summary>
    public static KeyVaultError BadRequest(string message) => Make(400, "BadRequest", message);

    /// <summary>Approximation: a request body over the emulator's limit.</summary>
    public static KeyVaultError RequestTooLarge(string message) => Make(413, "RequestEntityTooLarge", message);

    /// <summary>ARM's text (Microsoft.KeyVault).</summary>
    public static KeyVaultError VaultNameNotValid(string name) =>
        Make(400, "VaultNameNotValid",
            $"The vault name '{name}' is invalid. A vault's name must be between 3-24 alphanumeric characters. The name must begin with a letter, end with a letter or digit, and not contain consecutive hyphens. Follow this link for more information: https://go.microsoft.com/fwlink/?linkid=2147742");

    /// <summary>ARM's text: a PUT may not move a resource to another location.</summary>
    public static KeyVaultError InvalidResourceLocation(string name, string location, string resourceGroup, string requested) =>
        Make(400, "InvalidResourceLocation",
            $"The resource '{name}' already exists in location '{location}' in resource group '{resourceGroup}'. A resource with the same name cannot be created in location '{requested}'. Please select a new resource name.");

    /// <summary>ARM's text.</summary>
    public static KeyVaultError LocationRequired() =>
        Make(400, "LocationRequired", "The location property is required for this definition.");

    /// <summary>ARM's code; its text lists the regions, which the emulator does not have.</summary>
    public static KeyVaultError LocationNotAvailable(string location) =>
        Make(400, "LocationNotAvailableForResourceType", $"The provided location '{location.ReplaceLineEndings(" ")}' is not available for resource type 'Microsoft.KeyVault/vaults'.");

    /// <summary>ARM's text.</summary>
    public static KeyVaultError RoleDefinitionDoesNotExist(string roleDefinitionGuid, int status = 400) =>
        Make(status, "RoleDefinitionDoesNotExist", $"The specified role definition with ID '{roleDefinitionGuid}' does not exist.");

    /// <summary>ARM's text (principal id without hyphens, as ARM prints it).</summary>
    public static KeyVaultError PrincipalNotFound(string principalId, string tenantId) =>
        Make(400, "PrincipalNotFound",
            $"Principal {principalId.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()} does not exist in the directory {tenantId}. Check that you have the correct principal ID. " +
            "If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. " +
            "In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype");

    /// <summary>ARM's text.</summary>
    public static KeyVaultError InvalidPrincipalId() =>
        Make(400, "InvalidPrincipalId", "A valid principal ID must be provided for role assignment.");

    /// <summary>ARM's text.</summary>
    public static KeyVaultError UnmatchedPrincipalType(string principalId, string actualType, string givenType) =>
        Make(400, "UnmatchedPrincipalType",
            $"The PrincipalId '{principalId.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()}' has type '{actualType}' , which is different from specified PrincipalType '{givenType}'.");

    /// <summary>Approximation: a role assignment name that is not a GUID.</summary>
    public static KeyVaultError InvalidRoleAssignmentId(string name) =>
        Make(400, "InvalidRoleAssignmentId", $"The role assignment ID '{name}' is not valid. The role assignment ID must be a GUID.");

    /// <summary>ARM's text.</summary>
    public static KeyVaultError RoleAssignmentUpdateNotPermitted() =>
        Make(400, "RoleAssignmentUpdateNotPermitted", "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");

    /// <summary>Approximation of ARM's text for a $filter it does not support.</summary>
    public static KeyVaultError UnsupportedFilter(string filter) =>
        Make(400, "UnsupportedQuery",
            $"The filter '{filter}' is not supported. Supported filters are either 'atScope()', 'principalId eq '{{value}}'', 'assignedTo('{{value}}')' or 'atScope() and assignedTo('{{value}}')'.");

    // ---- 401 ----

    /// <summary>ARM's text; the header is ARM's challenge.</summary>
    public static KeyVaultError MissingAuthorization() =>
        Make(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.") with
        {
            Headers = new Dictionary<string, string>
            {
                ["WWW-Authenticate"] = "Bearer authorization_uri=\"https://login.windows.net/\", error=\"invalid_token\", error_description=\"The authentication failed because of missing 'Authorization' header.\"",
            },
        };

    /// <summary>ARM's texts for a token that is present but not acceptable.</summary>
    public static KeyVaultError InvalidToken(Identity.TokenValidation validation, string tenantId, DateTimeOffset now)
    {
        var error = validation.Failure switch
        {
            Identity.TokenFailure.Audience => Make(401, "InvalidAuthenticationTokenAudience",
                $"The access token has been obtained for wrong audience or resource '{validation.Detail}'. It should exactly match with one of the allowed audiences {Allowed}."),
            Identity.TokenFailure.Issuer => Make(401, "InvalidAuthenticationTokenTenant",
                $"The access token is from the wrong issuer '{validation.Detail}'. It must match the tenant 'https://sts.windows.net/{tenantId}/' associated with this subscription. " +
                $"Please use the authority (URL) 'https://login.windows.net/{tenantId}' to get the token."),
            Identity.TokenFailure.Lifetime => Make(401, "ExpiredAuthenticationToken",
                $"The access token expiry UTC time '{validation.Detail}' is earlier than current UTC time '{now:o}'."),
            _ => Make(401, "InvalidAuthenticationToken", "The access token is invalid."),
        };
        return error with
        {
            Headers = new Dictionary<string, string>
            {
                ["WWW-Authenticate"] = "Bearer authorization_uri=\"https://login.windows.net/\", error=\"invalid_token\", error_description=\"The access token is invalid.\"",
            },
        };
    }

    // ---- 403 ----

    /// <summary>ARM's text: the caller has no role whose actions cover <paramref name="action"/> at <paramref name="scope"/>.</summary>
    public static KeyVaultError AuthorizationFailed(string client, string objectId, string action, string scope) =>
        Make(403, "AuthorizationFailed",
            $"The client '{client}' with object id '{objectId}' does not have authorization to perform action '{action}' over scope '{scope}' or the scope is invalid. " +
            "If access was recently granted, please refresh your credentials.");

    // ---- 404 ----

    /// <summary>ARM's text.</summary>
    public static KeyVaultError SubscriptionNotFound(string subscriptionId) =>
        Make(404, "SubscriptionNotFound", $"The subscription '{subscriptionId}' could not be found.");

    /// <summary>ARM's text.</summary>
    public static KeyVaultError ResourceGroupNotFound(string resourceGroup) =>
        Make(404, "ResourceGroupNotFound", $"Resource group '{resourceGroup}' could not be found.");

    /// <summary>ARM's text.</summary>
    public static KeyVaultError ResourceNotFound(string typeAndName, string resourceGroup) =>
        Make(404, "ResourceNotFound",
            $"The Resource '{typeAndName}' under resource group '{resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");

    /// <summary>ARM's text.</summary>
    public static KeyVaultError RoleAssignmentNotFound(string name) =>
        Make(404, "RoleAssignmentNotFound", $"The role assignment '{name}' is not found.");

    // ---- 409 ----

    /// <summary>ARM's text, with the id of the existing assignment (32 hex digits, as ARM prints it).</summary>
    public static KeyVaultError RoleAssignmentExists(string existingName) =>
        Make(409, "RoleAssignmentExists",
            $"The role assignment already exists. The ID of the existing role assignment is {existingName.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()}.");

    // ---- 501 ----

    /// <summary>Event Grid's answer when the webhook failed the validation handshake (approximation of its text).</summary>
    public static KeyVaultError EventGridUrlValidation(string endpoint, string reason, DateTimeOffset now) =>
        Make(400, "Url validation",
            $"Webhook validation handshake failed for {endpoint}. {reason}. For troublehooting, visit https://aka.ms/esvalidation. " +
            $"Activity id:{Guid.NewGuid()}, timestamp: {now.UtcDateTime:M/d/yyyy h:mm:ss tt} UTC.");

    /// <summary>Event Grid's 400 for a request it cannot accept (the emulator's wording).</summary>
    public static KeyVaultError EventGridInvalidRequest(string message) => Make(400, "InvalidRequest", message);

    /// <summary>An ARM operation the emulator does not implement: never a silent 404 or a fake success.</summary>
    public static KeyVaultError NotImplemented(string method, string path) =>
        Make(501, "NotImplemented",
            $"The VaultTools emulator does not implement the Azure Resource Manager operation '{method} {path}'. It implements vaults, access policies, " +
            "role definitions and role assignments; see docs/emulator.md.");
}
