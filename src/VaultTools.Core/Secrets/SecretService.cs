using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Azure.Security.KeyVault.Secrets;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Validation;

namespace VaultTools.Secrets
{
    /// <summary>
    /// Secrets: read, list, write, and the soft-delete cycle. Every method validates its input before
    /// any request and reports failures as VaultExceptions. Values travel as SecureString in and out.
    /// </summary>
    public sealed partial class SecretService
    {
        private readonly VaultConnection _connection;

        public SecretService(VaultConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        }

        public VaultSecret Get(VaultAddress vault, string name, string? version, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Secret, "Name");
            EntryRules.CheckVersion(version, "Version");
            var client = _connection.Secrets(vault);
            var secret = Translate.Call(EntryKind.Secret, EntryUrl(vault, name, version), () => client.GetSecret(name, version, cancellationToken).Value);
            return ToSecret(vault, secret);
        }

        /// <summary>Reads the entry at its own URL (https://vault/secrets/name[/version]).</summary>
        public VaultSecret GetById(Uri id, CancellationToken cancellationToken = default)
        {
            var (vault, name, version) = ParseId(id, "Id");
            return Get(vault, name, version, cancellationToken);
        }

        /// <summary>Parses a secret's URL into its vault, name and version, or fails naming the parameter.</summary>
        public (VaultAddress Vault, string Name, string? Version) ParseId(Uri id, string parameterName)
        {
            var (vaultUri, name, version) = EntryRules.CheckEntryId(id, EntryKind.Secret, parameterName);
            return (_connection.VaultOfEntry(vaultUri), name, version);
        }

        /// <summary>Lists the secrets of a vault (latest versions, no values), optionally filtered by name.</summary>
        public IEnumerable<VaultSecretProperties> List(VaultAddress vault, Func<string, bool>? nameFilter = null, CancellationToken cancellationToken = default)
        {
            var client = _connection.Secrets(vault);
            return Translate.Enumerate(EntryKind.Secret, vault.Uri.ToString(), () => client.GetPropertiesOfSecrets(cancellationToken))
                .Where(p => nameFilter is null || nameFilter(p.Name))
                .Select(p => ToProperties(vault, p));
        }

        /// <summary>Lists every version of one secret (no values), newest first.</summary>
        public IEnumerable<VaultSecretProperties> ListVersions(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Secret, "Name");
            var client = _connection.Secrets(vault);
            var versions = Translate.Enumerate(EntryKind.Secret, EntryUrl(vault, name, null), () => client.GetPropertiesOfSecretVersions(name, cancellationToken))
                .Select(p => ToProperties(vault, p))
                .ToList();
            if (versions.Count == 0)
            {
                // The service lists nothing (rather than 404) for an unknown name; say so like Get does.
                throw ServiceErrors.EntryNotFound(EntryKind.Secret, EntryUrl(vault, name, null));
            }

            // Newest first. Versions made within the same second tie on Created (whole seconds on the wire),
            // and the service lists versions by version id, not by age: CurrentVersion says when the list cannot tell.
            versions.Reverse();
            return versions.OrderByDescending(v => v.Created ?? DateTimeOffset.MinValue);
        }

        /// <summary>Writes a new version. Checks every limit first: a bad write sends nothing.</summary>
        public VaultSecretProperties Set(VaultAddress vault, SecretWrite write, CancellationToken cancellationToken = default)
        {
            Validate(write);
            var client = _connection.Secrets(vault);
            var secret = new KeyVaultSecret(write.Name, SecureStrings.ToPlainText(write.Value));
            secret.Properties.ContentType = write.ContentType;
            secret.Properties.NotBefore = write.NotBefore;
            secret.Properties.ExpiresOn = write.Expires;
            secret.Properties.Enabled = write.Enabled;
            if (write.Tags != null)
            {
                foreach (var tag in write.Tags)
                {
                    secret.Properties.Tags[tag.Key] = tag.Value;
                }
            }

            var result = Translate.Call(EntryKind.Secret, EntryUrl(vault, write.Name, null), () => client.SetSecret(secret, cancellationToken).Value);
            return ToProperties(vault, result.Properties);
        }

        /// <summary>Checks a write against Key Vault's rules; throws InvalidArgument naming the parameter.</summary>
        public static void Validate(SecretWrite write)
        {
            EntryRules.CheckEntryName(write.Name, EntryKind.Secret, "Name");
            if (write.Value is null)
            {
                throw VaultException.InvalidArgument("MissingSecretValue", write.ValueParameterName, $"-{write.ValueParameterName} is required.");
            }

            EntryRules.CheckSecretValue(SecureStrings.ToPlainText(write.Value), write.ValueParameterName);
            EntryRules.CheckContentType(write.ContentType, "ContentType");
            EntryRules.CheckTags(write.Tags, "Tag");
            EntryRules.CheckDates(write.NotBefore, write.Expires);
        }

        public static string EntryUrl(VaultAddress vault, string name, string? version)
            => new Uri(vault.Uri, "secrets/" + name + (version is null ? "" : "/" + version)).ToString();

        internal static VaultSecret ToSecret(VaultAddress vault, KeyVaultSecret secret)
        {
            var result = new VaultSecret { SecretValue = SecureStrings.FromPlainText(secret.Value) };
            Fill(result, vault, secret.Properties);
            return result;
        }

        internal static VaultSecretProperties ToProperties(VaultAddress vault, SecretProperties properties)
        {
            var result = new VaultSecretProperties();
            Fill(result, vault, properties);
            return result;
        }

        internal static void Fill(VaultSecretProperties target, VaultAddress vault, SecretProperties p)
        {
            target.VaultName = vault.Name;
            target.VaultUri = vault.Uri;
            target.Name = p.Name;
            target.Version = p.Version;
            target.Id = p.Id?.ToString() ?? EntryUrl(vault, p.Name, p.Version);
            target.Enabled = p.Enabled ?? true;
            target.NotBefore = p.NotBefore;
            target.Expires = p.ExpiresOn;
            target.Created = p.CreatedOn;
            target.Updated = p.UpdatedOn;
            target.ContentType = p.ContentType;
            target.Managed = p.Managed;
            target.KeyId = p.KeyId?.ToString();
            target.RecoveryLevel = p.RecoveryLevel;
            target.RecoverableDays = p.RecoverableDays;
            target.Tags = new Dictionary<string, string>(p.Tags, StringComparer.Ordinal);
        }
    }
}
