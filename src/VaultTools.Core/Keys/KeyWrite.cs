using System;
using System.Collections.Generic;
using System.Security;

namespace VaultTools.Keys
{
    /// <summary>The properties every new key version can carry.</summary>
    public abstract class KeyWriteBase
    {
        public string Name { get; set; } = "";
        public KeyDestination Destination { get; set; } = KeyDestination.Software;
        /// <summary>Permitted operations (encrypt, decrypt, sign, verify, wrapKey, unwrapKey...); null for the service's default.</summary>
        public IList<string>? KeyOps { get; set; }
        public DateTimeOffset? NotBefore { get; set; }
        public DateTimeOffset? Expires { get; set; }
        public bool Enabled { get; set; } = true;
        public IDictionary<string, string>? Tags { get; set; }
    }

    /// <summary>What Add-VaultKey creates: an RSA key of a size, or an EC key on a curve.</summary>
    public sealed class KeyCreate : KeyWriteBase
    {
        /// <summary>RSA or EC.</summary>
        public string KeyType { get; set; } = "RSA";
        /// <summary>RSA only: 2048, 3072 or 4096 (the service's default, 2048, when null).</summary>
        public int? Size { get; set; }
        /// <summary>EC only: P-256, P-384, P-521 or P-256K (the service's default, P-256, when null).</summary>
        public string? CurveName { get; set; }
    }

    /// <summary>What Add-VaultKey imports: a key pair from a PFX or PEM file, or a JSON web key with its private part.</summary>
    public sealed class KeyImport : KeyWriteBase
    {
        /// <summary>A .pfx/.p12 or .pem file with the private key.</summary>
        public string? KeyFilePath { get; set; }
        public SecureString? KeyFilePassword { get; set; }
        /// <summary>A JSON web key (RFC 7517) with its private parameters, as JSON text.</summary>
        public string? JsonWebKey { get; set; }
    }

    /// <summary>What Update-VaultKey changes; null leaves a property as it is.</summary>
    public sealed class KeyUpdate
    {
        public bool? Enabled { get; set; }
        public DateTimeOffset? NotBefore { get; set; }
        public DateTimeOffset? Expires { get; set; }
        /// <summary>Replaces the tags when given (an empty table clears them).</summary>
        public IDictionary<string, string>? Tags { get; set; }
        public IList<string>? KeyOps { get; set; }
    }

    /// <summary>A key import read and checked locally (<see cref="KeyService.Prepare"/>): the key file is read once. Holds the private key; never shown.</summary>
    public sealed class PreparedKeyImport
    {
        internal PreparedKeyImport(KeyImport import, Client.JsonWebKey key)
        {
            Import = import;
            Key = key;
        }

        internal KeyImport Import { get; }

        internal Client.JsonWebKey Key { get; }

        public override string ToString() => Import.Name;
    }
}
