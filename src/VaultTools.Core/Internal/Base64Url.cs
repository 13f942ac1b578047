using System;

namespace VaultTools.Internal
{
    /// <summary>base64url without padding (RFC 4648 section 5), the encoding of every byte field in Key Vault's JSON.</summary>
    /// <remarks>
    /// Written here because Core also targets netstandard2.0 (Windows PowerShell's loader), where .NET 9's
    /// System.Buffers.Text.Base64Url does not exist, and Azure.Core keeps its own encoder internal; two lines of
    /// Convert do not earn a package (Microsoft.IdentityModel) in the module.
    /// </remarks>
    public static class Base64Url
    {
        public static string Encode(byte[] bytes)
        {
            if (bytes is null)
            {
                throw new ArgumentNullException(nameof(bytes));
            }

            return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        /// <summary>Decodes base64url (padding optional); also accepts standard base64.</summary>
        public static byte[] Decode(string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            string s = text.Trim().Replace('-', '+').Replace('_', '/');
            switch (s.Length % 4)
            {
                case 2: s += "=="; break;
                case 3: s += "="; break;
                case 1: throw new FormatException("Not a base64url string: its length is not valid.");
            }

            return Convert.FromBase64String(s);
        }
    }
}
