using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using VaultTools.Errors;

namespace VaultTools.Access
{
    /// <summary>
    /// A small Azure Resource Manager client on Azure.Core's HttpPipeline (Azure.ResourceManager.* is not
    /// available here): the connection's transport, retry and logging (VaultConnection.ConfigureClient)
    /// and Azure.Core's BearerTokenAuthenticationPolicy with the management scope. It sends JSON and
    /// returns parsed JSON; a failure becomes a VaultException through ServiceErrors, with the ARM
    /// error body (error.code, error.message) kept.
    /// </summary>
    internal sealed class ArmClient
    {
        internal const string VaultApiVersion = "2023-07-01";
        internal const string AuthorizationApiVersion = "2022-04-01";
        internal const string ResourcesApiVersion = "2021-04-01";

        private static readonly JsonSerializerOptions BodyOptions = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };

        private readonly HttpPipeline _pipeline;

        public ArmClient(HttpPipeline pipeline, Uri endpoint)
        {
            _pipeline = pipeline;
            Endpoint = new Uri(endpoint.GetLeftPart(UriPartial.Authority) + "/");
        }

        /// <summary>The ARM endpoint, e.g. https://management.azure.com/ (or the emulator's managementEndpoint).</summary>
        public Uri Endpoint { get; }

        /// <summary>Sends one request; returns the parsed body (null when the response has none) and the status.</summary>
        public ArmResponse Send(RequestMethod method, string pathAndQuery, object? body, EntryKind kind, string? target, CancellationToken cancellationToken)
            => Send(method, ToUri(pathAndQuery), body, kind, target, cancellationToken);

        private ArmResponse Send(RequestMethod method, Uri uri, object? body, EntryKind kind, string? target, CancellationToken cancellationToken)
        {
            try
            {
                using var message = _pipeline.CreateMessage();
                var request = message.Request;
                request.Method = method;
                request.Uri.Reset(uri);
                request.Headers.Add("Accept", "application/json");
                if (body != null)
                {
                    request.Headers.Add("Content-Type", "application/json");
                    request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), BodyOptions));
                }

                _pipeline.Send(message, cancellationToken);
                var response = message.Response;
                if (response.Status >= 400)
                {
                    // Translate while the response is alive: the exception reads its body.
                    throw ServiceErrors.Translate(new RequestFailedException(response), kind, target);
                }

                JsonDocument? document = null;
                var content = response.Content;
                if (content != null && content.ToMemory().Length > 0)
                {
                    try
                    {
                        document = JsonDocument.Parse(content.ToMemory());
                    }
                    catch (JsonException ex)
                    {
                        throw new VaultException(VaultErrorKind.ServiceError, "VaultServiceError",
                            $"Azure Resource Manager answered {response.Status} with a body that is not JSON for {method} {uri.AbsolutePath}.", ex, target)
                        {
                            Status = response.Status,
                        };
                    }
                }

                return new ArmResponse(response.Status, document);
            }
            catch (Exception ex) when (!(ex is VaultException) && ServiceErrors.Translate(ex, kind, target) is VaultException translated)
            {
                throw translated;
            }
        }

        /// <summary>GET a list and follow nextLink; yields each element of "value" (cloned, so it outlives the page).</summary>
        public IEnumerable<JsonElement> List(string pathAndQuery, EntryKind kind, string? target, CancellationToken cancellationToken)
        {
            Uri? next = ToUri(pathAndQuery);
            int pages = 0;
            while (next != null)
            {
                var page = Send(RequestMethod.Get, next, null, kind, target, cancellationToken);
                next = null;
                using (var doc = page.Body)
                {
                    if (doc is null)
                    {
                        yield break;
                    }

                    var items = new List<JsonElement>();
                    if (doc.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in value.EnumerateArray())
                        {
                            items.Add(item.Clone());
                        }
                    }

                    if (doc.RootElement.TryGetProperty("nextLink", out var link) && link.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(link.GetString()))
                    {
                        next = CheckNextLink(link.GetString()!);
                    }

                    foreach (var item in items)
                    {
                        yield return item;
                    }
                }

                if (++pages > 1000)
                {
                    throw new VaultException(VaultErrorKind.ServiceError, "VaultServiceError", "Azure Resource Manager returned more than 1000 pages; stopping.", null, target);
                }
            }
        }

        private Uri ToUri(string pathAndQuery)
            => new Uri(Endpoint, pathAndQuery.StartsWith("/", StringComparison.Ordinal) ? pathAndQuery.Substring(1) : pathAndQuery);

        /// <summary>The bearer token goes only to the ARM endpoint: a nextLink elsewhere is refused.</summary>
        private Uri CheckNextLink(string link)
        {
            var uri = new Uri(link, UriKind.RelativeOrAbsolute);
            if (!uri.IsAbsoluteUri)
            {
                return new Uri(Endpoint, link);
            }

            if (!string.Equals(uri.GetLeftPart(UriPartial.Authority), Endpoint.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            {
                throw new VaultException(VaultErrorKind.ServiceError, "VaultServiceError",
                    $"Azure Resource Manager returned a nextLink to another host ({uri.Host}); it was not followed.", null, link);
            }

            return uri;
        }

        internal static string Escape(string value) => Uri.EscapeDataString(value);

        /// <summary>An OData string literal: quotes doubled, then URL-escaped.</summary>
        internal static string ODataString(string value) => Escape("'" + value.Replace("'", "''") + "'");
    }

    /// <summary>The status and parsed body of one ARM response. Dispose releases the body.</summary>
    internal sealed class ArmResponse : IDisposable
    {
        public ArmResponse(int status, JsonDocument? body)
        {
            Status = status;
            Body = body;
        }

        public int Status { get; }

        public JsonDocument? Body { get; }

        public void Dispose() => Body?.Dispose();
    }
}
