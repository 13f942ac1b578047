using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using VaultTools.Connection;
using VaultTools.Internal;

namespace VaultTools.Keys.Client
{
    /// <summary>Options of <see cref="KeyClient"/>: Azure.Core's ClientOptions plus Key Vault's challenge setting.</summary>
    internal sealed class KeyClientOptions : ClientOptions
    {
        /// <summary>The REST API version: keys.json's info.version.</summary>
        public const string ServiceVersion = "2025-07-01";

        /// <summary>As in the official clients: skip the check that the challenge's resource matches the vault's host.</summary>
        public bool DisableChallengeResourceVerification { get; set; }
    }

    /// <summary>
    /// The Key Vault keys REST API (the keys REST specification in azure-rest-api-specs, specification/keyvault, api-version 2025-07-01) on Azure.Core's HttpPipeline,
    /// built from the connection's ClientOptions: the same transport, retry, logging and credential
    /// policies as the official SecretClient. Its names follow the official KeyClient
    /// (Azure.Security.KeyVault.Keys), so that moving to that package is a mechanical change.
    /// Failures surface as Azure's RequestFailedException, as with the official clients, and are
    /// translated by ServiceErrors like every other SDK call.
    /// </summary>
    internal sealed class KeyClient
    {
        internal const string KeysPath = "/keys/";
        internal const string DeletedKeysPath = "/deletedkeys/";
        private readonly HttpPipeline _pipeline;

        public KeyClient(Uri vaultUri, TokenCredential credential, KeyClientOptions? options = null)
        {
            VaultUri = vaultUri ?? throw new ArgumentNullException(nameof(vaultUri));
            options ??= new KeyClientOptions();
            _pipeline = HttpPipelineBuilder.Build(
                options,
                Array.Empty<HttpPipelinePolicy>(),
                new HttpPipelinePolicy[] { new ChallengeAuthenticationPolicy(credential, !options.DisableChallengeResourceVerification) },
                new ResponseClassifier());
        }

        public Uri VaultUri { get; }

        public KeyVaultKey CreateKey(string name, KeyType keyType, CreateKeyOptions? options = null, CancellationToken cancellationToken = default)
            => Create(name, keyType, null, null, null, options, cancellationToken);

        public KeyVaultKey CreateRsaKey(CreateRsaKeyOptions options, CancellationToken cancellationToken = default)
            => Create(options.Name, options.HardwareProtected ? KeyType.RsaHsm : KeyType.Rsa, options.KeySize, options.PublicExponent, null, options, cancellationToken);

        public KeyVaultKey CreateEcKey(CreateEcKeyOptions options, CancellationToken cancellationToken = default)
            => Create(options.Name, options.HardwareProtected ? KeyType.EcHsm : KeyType.Ec, null, null, options.CurveName, options, cancellationToken);

        private KeyVaultKey Create(string name, KeyType keyType, int? keySize, int? publicExponent, KeyCurveName? curve, CreateKeyOptions? options, CancellationToken cancellationToken)
        {
            byte[] body = Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("kty", keyType.ToString());
                if (keySize != null) w.WriteNumber("key_size", keySize.Value);
                if (publicExponent != null) w.WriteNumber("public_exponent", publicExponent.Value);
                if (options != null && options.KeyOperations.Count > 0)
                {
                    w.WriteStartArray("key_ops");
                    foreach (var op in options.KeyOperations) w.WriteStringValue(op.ToString());
                    w.WriteEndArray();
                }

                if (options != null)
                {
                    var attributes = new KeyProperties(name) { Enabled = options.Enabled, NotBefore = options.NotBefore, ExpiresOn = options.ExpiresOn, Exportable = options.Exportable };
                    attributes.WriteAttributes(w);
                    KeyProperties.WriteTags(w, options.Tags);
                }

                if (curve != null) w.WriteString("crv", curve.Value.ToString());
                w.WriteEndObject();
            });
            return Send(RequestMethod.Post, KeysPath + Segment(name) + "/create", body, KeyVaultKey.FromBundle, cancellationToken);
        }

        /// <summary>PUT /keys/{name}: imports a key (with its private part) as a new version.</summary>
        public KeyVaultKey ImportKey(ImportKeyOptions options, CancellationToken cancellationToken = default)
        {
            byte[] body = Json(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("key");
                options.Key.Write(w);
                if (options.HardwareProtected != null) w.WriteBoolean("Hsm", options.HardwareProtected.Value);
                options.Properties.WriteAttributes(w);
                KeyProperties.WriteTags(w, options.Properties.Tags);
                w.WriteEndObject();
            });
            return Send(RequestMethod.Put, KeysPath + Segment(options.Name), body, KeyVaultKey.FromBundle, cancellationToken);
        }

        /// <summary>GET /keys/{name} (latest, as the recordings show) or /keys/{name}/{version}.</summary>
        public KeyVaultKey GetKey(string name, string? version = null, CancellationToken cancellationToken = default)
            => Send(RequestMethod.Get, KeysPath + Segment(name) + (string.IsNullOrEmpty(version) ? "" : "/" + Segment(version!)), null, KeyVaultKey.FromBundle, cancellationToken);

        public IEnumerable<KeyProperties> GetPropertiesOfKeys(CancellationToken cancellationToken = default)
            => Page("/keys", KeyProperties.FromItem, cancellationToken);

        public IEnumerable<KeyProperties> GetPropertiesOfKeyVersions(string name, CancellationToken cancellationToken = default)
            => Page(KeysPath + Segment(name) + "/versions", KeyProperties.FromItem, cancellationToken);

        /// <summary>PATCH /keys/{name}/{version}: enabled, dates, tags and (optionally) key_ops.</summary>
        public KeyVaultKey UpdateKeyProperties(KeyProperties properties, IEnumerable<KeyOperation>? keyOperations = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(properties.Version))
            {
                throw new ArgumentException("UpdateKeyProperties needs the version to update (properties.Version).", nameof(properties));
            }

            var ops = keyOperations?.ToList();
            byte[] body = Json(w =>
            {
                w.WriteStartObject();
                if (ops != null)
                {
                    w.WriteStartArray("key_ops");
                    foreach (var op in ops) w.WriteStringValue(op.ToString());
                    w.WriteEndArray();
                }

                properties.WriteAttributes(w);
                // Tags are always sent: an update replaces them, and an empty object clears them.
                w.WriteStartObject("tags");
                foreach (var tag in properties.Tags) w.WriteString(tag.Key, tag.Value);
                w.WriteEndObject();
                w.WriteEndObject();
            });
            return Send(RequestMethod.Patch, KeysPath + Segment(properties.Name) + "/" + Segment(properties.Version!), body, KeyVaultKey.FromBundle, cancellationToken);
        }

        /// <summary>
        /// DELETE /keys/{name}: soft delete. The vault answers at once with the deleted key and shows it in the
        /// deleted state later; the operation polls GET /deletedkeys/{name} until it does.
        /// </summary>
        public DeleteKeyOperation StartDeleteKey(string name, CancellationToken cancellationToken = default)
            => new DeleteKeyOperation(this, name, SendForResponse(RequestMethod.Delete, KeysPath + Segment(name), null, DeletedKey.FromBundle, cancellationToken));

        public DeletedKey GetDeletedKey(string name, CancellationToken cancellationToken = default)
            => Send(RequestMethod.Get, DeletedKeysPath + Segment(name), null, DeletedKey.FromBundle, cancellationToken);

        public IEnumerable<DeletedKey> GetDeletedKeys(CancellationToken cancellationToken = default)
            => Page("/deletedkeys", DeletedKey.FromItem, cancellationToken);

        /// <summary>
        /// POST /deletedkeys/{name}/recover. The vault answers at once with the key and makes it readable later;
        /// the operation polls GET /keys/{name}/ until it is.
        /// </summary>
        public RecoverDeletedKeyOperation StartRecoverDeletedKey(string name, CancellationToken cancellationToken = default)
            => new RecoverDeletedKeyOperation(this, name, SendForResponse(RequestMethod.Post, DeletedKeysPath + Segment(name) + "/recover", null, KeyVaultKey.FromBundle, cancellationToken));

        /// <summary>DELETE /deletedkeys/{name}: 204.</summary>
        public void PurgeDeletedKey(string name, CancellationToken cancellationToken = default)
            => Send<object?>(RequestMethod.Delete, DeletedKeysPath + Segment(name), null, _ => null, cancellationToken);

        public byte[] BackupKey(string name, CancellationToken cancellationToken = default)
            => Send(RequestMethod.Post, KeysPath + Segment(name) + "/backup", null, root => Base64Url.Decode(root.GetProperty("value").GetString()!), cancellationToken);

        public KeyVaultKey RestoreKeyBackup(byte[] backup, CancellationToken cancellationToken = default)
        {
            byte[] body = Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("value", Base64Url.Encode(backup));
                w.WriteEndObject();
            });
            return Send(RequestMethod.Post, "/keys/restore", body, KeyVaultKey.FromBundle, cancellationToken);
        }

        /// <summary>POST /keys/{name}/rotate: a new version, made as the rotation policy says.</summary>
        public KeyVaultKey RotateKey(string name, CancellationToken cancellationToken = default)
            => Send(RequestMethod.Post, KeysPath + Segment(name) + "/rotate", null, KeyVaultKey.FromBundle, cancellationToken);

        public KeyRotationPolicy GetKeyRotationPolicy(string name, CancellationToken cancellationToken = default)
            => Send(RequestMethod.Get, KeysPath + Segment(name) + "/rotationpolicy", null, KeyRotationPolicy.Read, cancellationToken);

        public KeyRotationPolicy UpdateKeyRotationPolicy(string name, KeyRotationPolicy policy, CancellationToken cancellationToken = default)
            => Send(RequestMethod.Put, KeysPath + Segment(name) + "/rotationpolicy", Json(policy.Write), KeyRotationPolicy.Read, cancellationToken);

        /// <summary>Cryptographic operations with one version of a key, through this client's pipeline.</summary>
        public CryptographyClient GetCryptographyClient(string name, string version) => new CryptographyClient(this, name, version);

        // ---- transport ----

        internal T Send<T>(RequestMethod method, string path, byte[]? body, Func<JsonElement, T> read, CancellationToken cancellationToken)
            => SendForResponse(method, path, body, read, cancellationToken).Value;

        /// <summary>As <see cref="Send{T}"/>, with the HTTP response (what a long-running operation starts from).</summary>
        private Response<T> SendForResponse<T>(RequestMethod method, string path, byte[]? body, Func<JsonElement, T> read, CancellationToken cancellationToken)
            => SendMessage(CreateMessage(method, path), body, read, cancellationToken);

        /// <summary>
        /// GET of a path that answers the response whatever its status: how the delete and recover operations
        /// poll, where 404 means "not yet" rather than a failure. The pipeline has buffered the (small) body,
        /// so the message is left to the collector, as for the failures of <see cref="SendMessage{T}"/>.
        /// </summary>
        internal Response Probe(string path, CancellationToken cancellationToken)
        {
            var message = CreateMessage(RequestMethod.Get, path);
            message.Request.Headers.Add("Accept", "application/json");
            _pipeline.Send(message, cancellationToken);
            return message.Response;
        }

        private HttpMessage CreateMessage(RequestMethod method, string path)
        {
            var message = _pipeline.CreateMessage();
            var request = message.Request;
            request.Method = method;
            request.Uri.Reset(VaultUri);
            request.Uri.AppendPath(path, false);
            request.Uri.AppendQuery("api-version", KeyClientOptions.ServiceVersion);
            return message;
        }

        private Response<T> SendMessage<T>(HttpMessage message, byte[]? body, Func<JsonElement, T> read, CancellationToken cancellationToken)
        {
            var request = message.Request;
            request.Headers.Add("Accept", "application/json");
            if (body != null)
            {
                request.Headers.Add("Content-Type", "application/json");
                request.Content = RequestContent.Create(body);
            }

            _pipeline.Send(message, cancellationToken);
            var response = message.Response;
            if (response.IsError || response.Status >= 400)
            {
                // The message is left undisposed: the exception keeps the response (and its error body).
                throw new RequestFailedException(response);
            }

            using (message)
            {
                var content = response.Content;
                if (content is null || content.ToMemory().Length == 0)
                {
                    using var empty = JsonDocument.Parse("{}");
                    return Response.FromValue(read(empty.RootElement.Clone()), response);
                }

                using var document = JsonDocument.Parse(content.ToMemory());
                return Response.FromValue(read(document.RootElement.Clone()), response);
            }
        }

        /// <summary>Lists a collection lazily, page by page, following nextLink (value + nextLink, as the recordings show).</summary>
        private IEnumerable<T> Page<T>(string path, Func<JsonElement, T> readItem, CancellationToken cancellationToken)
        {
            string? nextLink = null;
            bool first = true;
            while (first || nextLink != null)
            {
                var message = _pipeline.CreateMessage();
                message.Request.Method = RequestMethod.Get;
                if (first)
                {
                    message.Request.Uri.Reset(VaultUri);
                    message.Request.Uri.AppendPath(path, false);
                    message.Request.Uri.AppendQuery("api-version", KeyClientOptions.ServiceVersion);
                }
                else
                {
                    var next = new Uri(nextLink!);
                    if (!string.Equals(next.Host, VaultUri.Host, StringComparison.OrdinalIgnoreCase))
                    {
                        // Never send the vault's token to another host.
                        throw new Errors.VaultException(Errors.VaultErrorKind.ServiceError, "VaultUnexpectedNextLink",
                            $"The vault at {VaultUri.Host} answered a nextLink on another host ({next.Host}); the listing was stopped so that no token is sent there.");
                    }

                    message.Request.Uri.Reset(next);
                }

                first = false;
                var (items, link) = SendMessage(message, null, root =>
                {
                    var list = new List<T>();
                    if (root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
                    {
                        list.AddRange(value.EnumerateArray().Select(readItem));
                    }

                    string? nl = root.TryGetProperty("nextLink", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    return (list, string.IsNullOrEmpty(nl) ? null : nl);
                }, cancellationToken).Value;
                nextLink = link;
                foreach (var item in items)
                {
                    yield return item;
                }
            }
        }

        internal static byte[] Json(Action<Utf8JsonWriter> write)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                write(writer);
            }

            return stream.ToArray();
        }

        internal static string Segment(string value) => Uri.EscapeDataString(value);
    }
}
