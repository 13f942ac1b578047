using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Authentication;
using System.Text.Json;
using Azure;
using Azure.Identity;

namespace VaultTools.Errors
{
    /// <summary>What a failing call was about: used to name errors (VaultSecretNotFound, VaultKeyNotFound...).</summary>
    public enum EntryKind
    {
        Secret,
        Key,
        Certificate,
        Vault,
        RoleAssignment,
        RoleDefinition,
        AccessPolicy,
        CertificateIssuer,
        CertificateContact,
    }

    /// <summary>
    /// Turns what the Azure SDK throws into a <see cref="VaultException"/> with a stable ErrorId.
    /// One place, so that every cmdlet reports the same failure the same way.
    /// </summary>
    public static class ServiceErrors
    {
        /// <summary>Translate any exception from an SDK call; returns the exception unchanged when it is not an SDK failure.</summary>
        public static Exception Translate(Exception ex, EntryKind kind, string? target)
        {
            switch (ex)
            {
                case VaultException:
                    return ex;
                case RequestFailedException transport when IsTransportFailure(transport):
                    return Unreachable(transport.InnerException!, target);
                case RequestFailedException rfe:
                    return FromResponse(rfe, kind, target);
                case CredentialUnavailableException cue:
                    return new VaultException(VaultErrorKind.AuthenticationFailed, "VaultCredentialUnavailable",
                        "No credential is available: " + FirstLine(cue.Message), cue, target)
                    {
                        RecommendedAction = "Run Connect-Vault with -Identity, a service principal, -AccessToken or -Emulator.",
                    };
                case AuthenticationFailedException afe:
                    return new VaultException(VaultErrorKind.AuthenticationFailed, "VaultAuthenticationFailed",
                        "Could not get an access token: " + FirstLine(afe.Message), afe, target)
                    {
                        RecommendedAction = "Check the credential given to Connect-Vault (tenant, client id, managed identity).",
                    };
                case AggregateException agg when agg.InnerExceptions.Count > 0 && agg.InnerExceptions.All(IsTransportFailure):
                    // Azure.Core's retry policy wraps the failure of each try; the last one says what went wrong.
                    return Translate(agg.InnerExceptions[agg.InnerExceptions.Count - 1], kind, target);
                case OperationCanceledException timeout when timeout.InnerException is TimeoutException:
                    return Unreachable(timeout.InnerException, target);
                case OperationCanceledException oce:
                    return new VaultException(VaultErrorKind.Cancelled, "VaultOperationCancelled", "The operation was cancelled.", oce, target);
                case HttpRequestException hre:
                    return Unreachable(hre, target);
                case AuthenticationException ae:
                    return Unreachable(ae, target);
                case IOException ioe:
                    return Unreachable(ioe, target);
                default:
                    return ex;
            }
        }

        // Azure.Core reports a request that got no answer as RequestFailedException with status 0 around the transport's exception.
        private static bool IsTransportFailure(Exception ex)
            => ex is HttpRequestException || ex is AuthenticationException || ex is IOException
               || (ex is OperationCanceledException && ex.InnerException is TimeoutException)
               || (ex is RequestFailedException { Status: 0 } && ex.InnerException is { } inner && IsTransportFailure(inner));

        /// <summary>Connection refused, DNS, TLS or timeout: the message names the host, so the user knows what to check.</summary>
        private static VaultException Unreachable(Exception ex, string? target)
        {
            string where = target is null ? ""
                : Uri.TryCreate(target, UriKind.Absolute, out var uri) ? $" at host '{uri.Host}'{(uri.IsDefaultPort ? "" : " port " + uri.Port)}"
                : $" for '{target}'";
            var detail = ex is OperationCanceledException or TimeoutException ? "the request timed out" : FirstLine(ex.Message);
            return new VaultException(VaultErrorKind.ConnectionFailed, "VaultUnreachable", $"The vault could not be reached{where}: {detail}", ex, target)
            {
                RecommendedAction = "Check the vault name and the network (DNS, proxy, firewall, private endpoint) from this machine.",
            };
        }

        private static VaultException FromResponse(RequestFailedException rfe, EntryKind kind, string? target)
        {
            var (code, inner, serviceMessage) = ReadErrorBody(rfe);
            code ??= rfe.ErrorCode;
            string noun = kind.ToString();
            string about = target is null ? "" : $" '{target}'";
            string detail = string.IsNullOrEmpty(serviceMessage) ? "" : " " + serviceMessage;

            VaultException Make(VaultErrorKind k, string id, string message) => new VaultException(k, id, message, rfe, target)
            {
                Status = rfe.Status,
                ServiceErrorCode = inner ?? code,
            };

            switch (rfe.Status)
            {
                case 0 when rfe.InnerException is not null:
                    return Unreachable(rfe.InnerException, target);
                case 400 when code is "PrincipalNotFound":
                    return Make(VaultErrorKind.NotFound, "VaultPrincipalNotFound", $"The principal of the {Lower(noun)}{about} does not exist in the tenant:{detail}");
                case 400 when code is "RoleDefinitionDoesNotExist":
                    return Make(VaultErrorKind.NotFound, "VaultRoleDefinitionNotFound", $"The role definition of the {Lower(noun)}{about} does not exist:{detail}");
                case 400:
                    return Make(VaultErrorKind.InvalidArgument, "VaultBadRequest", $"The vault refused the request for {Lower(noun)}{about}:{detail}");
                case 401:
                    return Make(VaultErrorKind.AuthenticationFailed, "VaultAccessDenied", $"Not authenticated for {Lower(noun)}{about}:{detail}");
                case 403 when inner is not null && inner.EndsWith("ManagedByKeyVault", StringComparison.Ordinal):
                    return Make(VaultErrorKind.OperationNotAllowed, $"Vault{noun}ManagedByCertificate",
                        $"The {Lower(noun)}{about} backs a certificate, and the vault manages it: the operation is not allowed on it on its own.{detail} Use the certificate's cmdlets instead (Backup-VaultCertificate, Remove-VaultCertificate, ...).");
                case 403 when IsOperationRefusal(code, inner, serviceMessage):
                    return Make(VaultErrorKind.OperationNotAllowed, $"Vault{noun}OperationNotAllowed", $"The operation is not allowed on {Lower(noun)}{about}:{detail}");
                case 403:
                    return Make(VaultErrorKind.AccessDenied, "VaultAccessDenied", $"Access denied to {Lower(noun)}{about}:{detail}");
                case 404 when code is "ResourceGroupNotFound":
                    return Make(VaultErrorKind.NotFound, "ResourceGroupNotFound", $"The resource group was not found for {Lower(noun)}{about}:{detail}");
                case 404 when code is "VaultNotFound" || kind == EntryKind.Vault:
                    return Make(VaultErrorKind.NotFound, "VaultNotFound", $"The vault was not found{about}:{detail}");
                case 404:
                    return Make(VaultErrorKind.NotFound, $"Vault{noun}NotFound", $"The {Lower(noun)}{about} was not found.{detail}");
                case 409 when inner is "ObjectIsDeletedButRecoverable":
                    return Make(VaultErrorKind.Conflict, $"Vault{noun}DeletedButRecoverable",
                        $"The {Lower(noun)}{about} is deleted but recoverable: recover it (Undo-Vault{noun}Removal) or purge it first.{detail}");
                case 409 when kind == EntryKind.Vault:
                    return Make(VaultErrorKind.Conflict, "VaultConflict", $"Conflict for vault{about}:{detail}");
                case 409:
                    return Make(VaultErrorKind.Conflict, $"Vault{noun}Conflict", $"Conflict for {Lower(noun)}{about}:{detail}");
                case 429:
                    return Make(VaultErrorKind.Throttled, "VaultThrottled", $"The vault is throttling requests (429) for {Lower(noun)}{about}, after retries:{detail}");
                case 501:
                    return Make(VaultErrorKind.NotImplemented, "VaultOperationNotImplemented", $"Not implemented by the vault:{detail}");
                default:
                    return Make(VaultErrorKind.ServiceError, "VaultServiceError", $"The vault answered {rfe.Status} for {Lower(noun)}{about}:{detail}");
            }
        }

        /// <summary>
        /// A 403 that refuses the operation itself (a disabled or expired entry, key_ops, an HSM key on a standard vault,
        /// purge protection) rather than the caller: who the caller is would not change the answer, so it is not access denied.
        /// The caller's own refusals (ForbiddenByRbac, AccessDenied, "not authorized", "does not have ... permission") stay access denied.
        /// </summary>
        private static bool IsOperationRefusal(string? code, string? inner, string? message)
        {
            if (inner is "ForbiddenByRbac" or "AccessDenied" || code is "ForbiddenByRbac" || message is null && inner is null && code is not "KeyOperationForbidden")
            {
                return false;
            }

            if (inner is "SecretDisabled" or "KeyDisabled" or "CertificateDisabled" or "KeyOperationForbidden" or "KeyExpired" or "KeyNotYetValid" or "PurgeProtected"
                || code is "KeyOperationForbidden")
            {
                return true;
            }

            string text = message ?? "";
            return (text.IndexOf("not allowed", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("not permitted", StringComparison.OrdinalIgnoreCase) >= 0)
                && text.IndexOf("not authorized", StringComparison.OrdinalIgnoreCase) < 0 && text.IndexOf("permission", StringComparison.OrdinalIgnoreCase) < 0;
        }

        /// <summary>
        /// An entry the vault answered with nothing rather than 404 (an empty list of versions): the error a 404 for it
        /// gives, without a service response.
        /// </summary>
        public static VaultException EntryNotFound(EntryKind kind, string url)
            => new VaultException(VaultErrorKind.NotFound, $"Vault{kind}NotFound", $"The {Lower(kind.ToString())} '{url}' was not found.", null, url);

        private static string Lower(string noun) => noun switch
        {
            "RoleAssignment" => "role assignment",
            "RoleDefinition" => "role definition",
            "AccessPolicy" => "access policy",
            "CertificateIssuer" => "certificate issuer",
            "CertificateContact" => "certificate contacts",
            _ => noun.ToLowerInvariant(),
        };

        /// <summary>Reads error.code, error.innererror.code and error.message from the response body.</summary>
        internal static (string? Code, string? Inner, string? Message) ReadErrorBody(RequestFailedException rfe)
        {
            try
            {
                var response = rfe.GetRawResponse();
                if (response?.Content is null)
                {
                    return (null, null, null);
                }

                using var doc = JsonDocument.Parse(response.Content.ToMemory());
                if (!doc.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
                {
                    return (null, null, null);
                }

                string? code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                string? message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                string? inner = null;
                if (error.TryGetProperty("innererror", out var ie) && ie.ValueKind == JsonValueKind.Object && ie.TryGetProperty("code", out var ic))
                {
                    inner = ic.GetString();
                }

                return (code, inner, message);
            }
            catch (JsonException)
            {
                return (null, null, null);
            }
        }

        private static readonly char[] LineBreaks = { '\r', '\n' };

        private static string FirstLine(string message)
        {
            int i = message.IndexOfAny(LineBreaks);
            return i < 0 ? message : message.Substring(0, i);
        }
    }
}
