using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using Azure.Core;
using Azure.Core.Pipeline;
using VaultTools.Connection;
using VaultTools.Errors;

namespace VaultTools.Rotation
{
    /// <summary>An app registration's password credential as Microsoft Graph describes it (never its secret text).</summary>
    public sealed class GraphPasswordCredential
    {
        public string KeyId { get; set; } = "";
        public string? DisplayName { get; set; }
        public string? Hint { get; set; }
        public DateTimeOffset? StartDateTime { get; set; }
        public DateTimeOffset? EndDateTime { get; set; }
    }

    /// <summary>
    /// The three Microsoft Graph calls app registration rotation needs (read the application's passwords,
    /// addPassword, removePassword), on Azure.Core's HttpPipeline with the session's credential, retry and
    /// transport. Hand-written on purpose: the Graph SDK (Microsoft.Graph + Kiota) is tens of megabytes for
    /// three calls, and would bring a second HTTP stack and credential handling next to Azure.Core's.
    /// </summary>
    internal sealed class GraphClient
    {
        private readonly HttpPipeline _pipeline;
        private readonly Uri _endpoint;

        public GraphClient(VaultConnection connection)
        {
            (_endpoint, string scope) = EndpointOf(connection);
            var options = connection.ConfigureClient(new GraphClientOptions());
            _pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(connection.Credential, scope));
        }

        /// <summary>Graph's address and token scope: the emulator's graphEndpoint, or the cloud's Graph.</summary>
        internal static (Uri Endpoint, string Scope) EndpointOf(VaultConnection connection)
        {
            if (connection.Emulator != null)
            {
                var endpoint = connection.Emulator.GraphEndpoint ?? throw new VaultException(VaultErrorKind.NotImplemented, "GraphNotAvailable",
                    "This emulator does not serve Microsoft Graph (its emulator.json has no graphEndpoint): app registration secrets cannot rotate against it.");
                return (endpoint, "https://graph.microsoft.com/.default");
            }

            string graph = connection.Environment.Name switch
            {
                "AzureChinaCloud" => "https://microsoftgraph.chinacloudapi.cn/",
                "AzureUSGovernment" => "https://graph.microsoft.us/",
                _ => "https://graph.microsoft.com/",
            };
            return (new Uri(graph), graph + ".default");
        }

        public IReadOnlyList<GraphPasswordCredential> GetPasswords(string applicationObjectId, CancellationToken cancellationToken)
        {
            using var document = Send(RequestMethod.Get, applicationObjectId, "?$select=id,passwordCredentials", null, cancellationToken);
            var result = new List<GraphPasswordCredential>();
            if (document != null && document.RootElement.TryGetProperty("passwordCredentials", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    result.Add(ReadCredential(item, out _));
                }
            }

            return result;
        }

        /// <summary>Adds a password; the secret text goes straight into a SecureString.</summary>
        public (GraphPasswordCredential Credential, System.Security.SecureString Secret) AddPassword(string applicationObjectId, string displayName, DateTimeOffset endDateTime, CancellationToken cancellationToken)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                passwordCredential = new
                {
                    displayName,
                    endDateTime = endDateTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                },
            });
            using var document = Send(RequestMethod.Post, applicationObjectId, "/addPassword", body, cancellationToken);
            var credential = ReadCredential(document!.RootElement, out string? secret);
            if (string.IsNullOrEmpty(secret) || credential.KeyId.Length == 0)
            {
                throw new VaultException(VaultErrorKind.ServiceError, "GraphUnexpectedAnswer", $"Microsoft Graph's addPassword answer for application {applicationObjectId} has no keyId or secretText.");
            }

            return (credential, Internal.SecureStrings.FromPlainText(secret));
        }

        public void RemovePassword(string applicationObjectId, string keyId, CancellationToken cancellationToken)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new { keyId });
            Send(RequestMethod.Post, applicationObjectId, "/removePassword", body, cancellationToken)?.Dispose();
        }

        private JsonDocument? Send(RequestMethod method, string applicationObjectId, string tail, byte[]? body, CancellationToken cancellationToken)
        {
            using var message = _pipeline.CreateMessage();
            var request = message.Request;
            request.Method = method;
            string target = new Uri(_endpoint, "v1.0/applications/" + Uri.EscapeDataString(applicationObjectId)).ToString();
            request.Uri.Reset(new Uri(target + tail));
            request.Headers.Add("Accept", "application/json");
            if (body != null)
            {
                request.Headers.Add("Content-Type", "application/json");
                request.Content = RequestContent.Create(body);
            }

            try
            {
                _pipeline.Send(message, cancellationToken);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && Errors.ServiceErrors.Translate(ex, EntryKind.Secret, target) is VaultException translated && !ReferenceEquals(translated, ex))
            {
                throw translated;
            }

            var response = message.Response;
            if (response.Status >= 400)
            {
                throw ToError(response, target);
            }

            return response.Status == 204 || response.Content.ToMemory().Length == 0 ? null : JsonDocument.Parse(response.Content.ToMemory());
        }

        /// <summary>Graph's error body {"error":{"code","message"}} as a VaultException with a stable ErrorId.</summary>
        private static VaultException ToError(Azure.Response response, string target)
        {
            string? code = null;
            string? text = null;
            try
            {
                using var document = JsonDocument.Parse(response.Content.ToMemory());
                if (document.RootElement.TryGetProperty("error", out var error))
                {
                    code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    text = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                }
            }
            catch (JsonException)
            {
                // Not Graph's error shape: the status says enough.
            }

            var (kind, errorId) = response.Status switch
            {
                401 => (VaultErrorKind.AuthenticationFailed, "GraphAuthenticationFailed"),
                403 => (VaultErrorKind.AccessDenied, "GraphAccessDenied"),
                404 => (VaultErrorKind.NotFound, "GraphApplicationNotFound"),
                429 => (VaultErrorKind.Throttled, "VaultThrottled"),
                _ => (VaultErrorKind.ServiceError, "GraphRequestFailed"),
            };
            string message = $"Microsoft Graph refused {target}: {response.Status} {code ?? response.ReasonPhrase}{(text is null ? "" : " - " + text)}";
            if (response.Status == 403)
            {
                message += " (the signed-in identity must own the application, or hold Application.ReadWrite.OwnedBy/Application.ReadWrite.All)";
            }

            return new VaultException(kind, errorId, message, null, target) { Status = response.Status, ServiceErrorCode = code };
        }

        private static GraphPasswordCredential ReadCredential(JsonElement item, out string? secretText)
        {
            string? Str(string name) => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            DateTimeOffset? Date(string name) => Str(name) is string s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : (DateTimeOffset?)null;
            secretText = Str("secretText");
            return new GraphPasswordCredential
            {
                KeyId = Str("keyId") ?? "",
                DisplayName = Str("displayName"),
                Hint = Str("hint"),
                StartDateTime = Date("startDateTime"),
                EndDateTime = Date("endDateTime"),
            };
        }

        private sealed class GraphClientOptions : ClientOptions
        {
        }
    }
}
