using System;
using System.Collections.Generic;

namespace VaultTools.Secrets
{
    /// <summary>
    /// What Update-VaultSecret changes on an existing version, without writing a new value. A null
    /// property is left as it is on the service.
    /// </summary>
    public sealed class SecretUpdate
    {
        public string Name { get; set; } = "";

        /// <summary>The version to change; null means the latest.</summary>
        public string? Version { get; set; }

        public bool? Enabled { get; set; }
        public DateTimeOffset? NotBefore { get; set; }
        public DateTimeOffset? Expires { get; set; }
        public string? ContentType { get; set; }

        /// <summary>Replaces every tag of the version (Key Vault has no per-tag update).</summary>
        public IDictionary<string, string>? Tags { get; set; }

        internal bool ChangesNothing => Enabled is null && NotBefore is null && Expires is null && ContentType is null && Tags is null;
    }
}
