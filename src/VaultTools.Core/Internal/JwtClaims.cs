using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace VaultTools.Internal
{
    /// <summary>
    /// Reads the claims of a JWT's payload WITHOUT validating it: for display only (who a token is for,
    /// which tenant, when it expires). The service that receives the token validates it.
    /// </summary>
    internal static class JwtClaims
    {
        /// <summary>The payload's string and number claims; empty when the token is not a JWT.</summary>
        public static IReadOnlyDictionary<string, string> Read(string token)
        {
            var claims = new Dictionary<string, string>(StringComparer.Ordinal);
            string[] parts = token.Split('.');
            if (parts.Length != 3)
            {
                return claims;
            }

            try
            {
                string payload = parts[1].Replace('-', '+').Replace('_', '/');
                payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
                using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return claims;
                }

                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    switch (property.Value.ValueKind)
                    {
                        case JsonValueKind.String:
                            claims[property.Name] = property.Value.GetString() ?? "";
                            break;
                        case JsonValueKind.Number:
                            claims[property.Name] = property.Value.GetRawText();
                            break;
                    }
                }
            }
            catch (Exception ex) when (ex is FormatException || ex is JsonException || ex is ArgumentException)
            {
                claims.Clear();
            }

            return claims;
        }

        /// <summary>The first of the given claims that is present and not empty.</summary>
        public static string? First(IReadOnlyDictionary<string, string> claims, params string[] names)
        {
            foreach (string name in names)
            {
                if (claims.TryGetValue(name, out string? value) && !string.IsNullOrEmpty(value))
                {
                    return value;
                }
            }

            return null;
        }
    }
}
