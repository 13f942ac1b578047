using System;
using System.Collections.Generic;
using System.Security;

namespace VaultTools.Secrets
{
    /// <summary>What Set-VaultSecret writes: a new version of a secret.</summary>
    public sealed class SecretWrite
    {
        public string Name { get; set; } = "";
        public SecureString Value { get; set; } = null!;
        /// <summary>The parameter the value came from (SecretValue or PlainTextValue), named by the errors about it.</summary>
        public string ValueParameterName { get; set; } = "SecretValue";
        public string? ContentType { get; set; }
        public IDictionary<string, string>? Tags { get; set; }
        public DateTimeOffset? NotBefore { get; set; }
        public DateTimeOffset? Expires { get; set; }
        public bool Enabled { get; set; } = true;
    }
}
