using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VaultTools.Connection
{
    /// <summary>
    /// Lets a secret update clear every tag. Key Vault's PATCH replaces the tags with the object sent, so
    /// <c>"tags":{}</c> clears them, but the official SecretClient leaves an empty tag dictionary out of the
    /// body (it cannot tell "clear" from "unchanged"). Hand-written because no SDK option sends it: inside
    /// <see cref="Scope"/>, this PerCall policy adds <c>"tags":{}</c> to the PATCH body when it has no tags.
    /// </summary>
    internal sealed class ClearTagsPolicy : HttpPipelineSynchronousPolicy
    {
        private const string Property = "VaultTools.ClearTags";

        /// <summary>Requests made on this thread's flow until the scope is disposed send empty tags.</summary>
        public static System.IDisposable Scope()
            => HttpPipeline.CreateHttpMessagePropertiesScope(new Dictionary<string, object?> { [Property] = true });

        public override void OnSendingRequest(HttpMessage message)
        {
            if (!message.TryGetProperty(Property, out object? clear) || !(clear is true)
                || message.Request.Method != RequestMethod.Patch || message.Request.Content is null)
            {
                return;
            }

            using var original = new MemoryStream();
            message.Request.Content.WriteTo(original, message.CancellationToken);
            using var body = JsonDocument.Parse(original.ToArray());
            if (body.RootElement.ValueKind != JsonValueKind.Object || body.RootElement.TryGetProperty("tags", out _))
            {
                return;
            }

            using var rewritten = new MemoryStream();
            using (var writer = new Utf8JsonWriter(rewritten))
            {
                writer.WriteStartObject();
                foreach (var property in body.RootElement.EnumerateObject())
                {
                    property.WriteTo(writer);
                }

                writer.WriteStartObject("tags");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            message.Request.Content = RequestContent.Create(rewritten.ToArray());
        }
    }
}
