using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Azure.Security.KeyVault.Certificates;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Validation;

namespace VaultTools.Certificates
{
    /// <summary>
    /// Certificates through the official CertificateClient: read, list, create from a policy (the
    /// service answers 202 and finishes later), import and export files, the soft-delete cycle,
    /// backup/restore, and policies. Every method checks its input before any request and reports
    /// failures as VaultExceptions (VaultCertificateNotFound, ...). Key material never goes into a
    /// message; private keys only travel from the backing secret into an export file.
    /// </summary>
    public sealed class CertificateService : IEntryRemoval<DeletedVaultCertificate>, IEntryRecovery<VaultCertificate>, IEntryBackup,
        IEntryReading<VaultCertificate, VaultCertificateProperties, DeletedVaultCertificate>
    {
        /// <summary>The largest backup file Restore accepts.</summary>
        internal const long MaxBackupBytes = 4 * 1024 * 1024;

        private readonly VaultConnection _connection;

        public CertificateService(VaultConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        }

        /// <summary>Bounds of the waits for soft delete and recovery.</summary>
        public PollSettings Polling { get; set; } = new PollSettings();

        /// <summary>Bounds of the wait for a new certificate (self-signed ones take seconds; the bound is generous).</summary>
        public PollSettings CreationPolling { get; set; } = new PollSettings { Timeout = TimeSpan.FromMinutes(5) };

        public VaultCertificate Get(VaultAddress vault, string name, string? version, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Certificate, "Name");
            EntryRules.CheckVersion(version, "Version");
            var client = _connection.Certificates(vault);
            KeyVaultCertificate certificate = version is null
                ? Translate.Call(EntryKind.Certificate, EntryUrl(vault, name, null), () => client.GetCertificate(name, cancellationToken).Value)
                : Translate.Call(EntryKind.Certificate, EntryUrl(vault, name, version), () => client.GetCertificateVersion(name, version, cancellationToken).Value);
            return ToCertificate(new VaultCertificate(), vault, certificate);
        }

        /// <summary>Reads the certificate at its own URL (https://vault/certificates/name[/version]).</summary>
        public VaultCertificate GetById(Uri id, CancellationToken cancellationToken = default)
        {
            var (vault, name, version) = ParseId(id, "Id");
            return Get(vault, name, version, cancellationToken);
        }

        public (VaultAddress Vault, string Name, string? Version) ParseId(Uri id, string parameterName)
        {
            var (vaultUri, name, version) = EntryRules.CheckEntryId(id, EntryKind.Certificate, parameterName);
            return (_connection.VaultOfEntry(vaultUri), name, version);
        }

        /// <summary>Lists the certificates of a vault (latest versions, properties only), optionally filtered by name.</summary>
        public IEnumerable<VaultCertificateProperties> List(VaultAddress vault, Func<string, bool>? nameFilter = null, CancellationToken cancellationToken = default)
        {
            var client = _connection.Certificates(vault);
            return Translate.Enumerate(EntryKind.Certificate, vault.Uri.ToString(), () => client.GetPropertiesOfCertificates(false, cancellationToken))
                .Where(p => nameFilter is null || nameFilter(p.Name))
                .Select(p => Fill(new VaultCertificateProperties(), vault, p));
        }

        /// <summary>Lists every version of one certificate, newest first.</summary>
        public IEnumerable<VaultCertificateProperties> ListVersions(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Certificate, "Name");
            var client = _connection.Certificates(vault);
            var versions = Translate.Enumerate(EntryKind.Certificate, EntryUrl(vault, name, null), () => client.GetPropertiesOfCertificateVersions(name, cancellationToken))
                .Select(p => Fill(new VaultCertificateProperties(), vault, p))
                .ToList();
            if (versions.Count == 0)
            {
                throw ServiceErrors.EntryNotFound(EntryKind.Certificate, EntryUrl(vault, name, null));
            }

            return versions.OrderByDescending(v => v.Created ?? DateTimeOffset.MinValue);
        }

        public DeletedVaultCertificate GetDeleted(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Certificate, "Name");
            var client = _connection.Certificates(vault);
            var deleted = Translate.Call(EntryKind.Certificate, DeletedUrl(vault, name), () => client.GetDeletedCertificate(name, cancellationToken).Value);
            return ToDeleted(vault, deleted);
        }

        public IEnumerable<DeletedVaultCertificate> ListDeleted(VaultAddress vault, Func<string, bool>? nameFilter = null, CancellationToken cancellationToken = default)
        {
            var client = _connection.Certificates(vault);
            return Translate.Enumerate(EntryKind.Certificate, vault.Uri.ToString(), () => client.GetDeletedCertificates(false, cancellationToken))
                .Where(d => nameFilter is null || nameFilter(d.Name))
                .Select(d => ToDeleted(vault, d));
        }

        /// <summary>
        /// Asks the vault to create a certificate from a policy (with the Self issuer: self-signed). The
        /// vault answers 202 with a pending operation; see <see cref="WaitForCreation"/>.
        /// </summary>
        public CertificateCreation StartCreate(VaultAddress vault, string name, VaultCertificatePolicy policy, IDictionary<string, string>? tags, bool enabled = true, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Certificate, "Name");
            var checkedPolicy = CertificateRules.CheckPolicy(policy);
            EntryRules.CheckTags(tags, "Tag");
            var client = _connection.Certificates(vault);
            var sdkPolicy = CertificatePolicies.ToSdk(checkedPolicy);
            var operation = Translate.Call(EntryKind.Certificate, EntryUrl(vault, name, null),
                () => client.StartCreateCertificate(name, sdkPolicy, enabled ? (bool?)null : false, tags, cancellationToken));
            return new CertificateCreation(ToStatus(vault, name, operation.Properties), operation);
        }

        /// <summary>
        /// Polls a creation until it completes (returns the certificate), fails or is cancelled (throws
        /// VaultCertificateOperationFailed / VaultCertificateOperationCancelled), or the bounded wait ends
        /// (returns null; <see cref="CertificateCreation.Status"/> says where it is).
        /// </summary>
        public VaultCertificate? WaitForCreation(VaultAddress vault, CertificateCreation creation, Action<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            var operation = creation.Operation;
            string target = EntryUrl(vault, creation.Name, null);
            bool done = Translate.Call(EntryKind.Certificate, target, () => Internal.Polling.Until(
                () => operation.HasCompleted,
                () =>
                {
                    var response = operation.UpdateStatus(cancellationToken);
                    if (operation.Properties != null)
                    {
                        creation.Status = ToStatus(vault, creation.Name, operation.Properties);
                    }

                    return response;
                },
                CreationPolling,
                () => $"Creating certificate '{creation.Name}': {creation.Status.Status}" + (string.IsNullOrEmpty(creation.Status.StatusDetails) ? "" : " - " + creation.Status.StatusDetails),
                progress,
                cancellationToken));

            if (!done)
            {
                return null;
            }

            var status = creation.Status;
            if (string.Equals(status.Status, "cancelled", StringComparison.OrdinalIgnoreCase))
            {
                throw new VaultException(VaultErrorKind.ServiceError, "VaultCertificateOperationCancelled",
                    $"The creation of certificate '{creation.Name}' was cancelled.", null, target);
            }

            if (status.ErrorCode != null || status.ErrorMessage != null || operation.Properties is null || !operation.HasValue)
            {
                throw new VaultException(VaultErrorKind.ServiceError, "VaultCertificateOperationFailed",
                    $"The vault could not create certificate '{creation.Name}': {status.ErrorCode} {status.ErrorMessage} {status.StatusDetails}".TrimEnd(), null, target)
                {
                    ServiceErrorCode = status.ErrorCode,
                };
            }

            return Translate.Call(EntryKind.Certificate, target, () => ToCertificate(new VaultCertificate(), vault, operation.Value));
        }

        /// <summary>The pending operation of a certificate (creation or renewal), as the vault reports it now.</summary>
        public CertificateOperationStatus GetOperation(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Certificate, "Name");
            var client = _connection.Certificates(vault);
            var operation = Translate.Call(EntryKind.Certificate, EntryUrl(vault, name, null) + "/pending", () => client.GetCertificateOperation(name, cancellationToken));
            return ToStatus(vault, name, operation.Properties);
        }

        /// <summary>Imports a PFX or PEM file with its private key. The file is opened and checked locally first.</summary>
        public VaultCertificate Import(VaultAddress vault, CertificateImport import, CancellationToken cancellationToken = default)
            => Import(vault, import, CertificateFiles.ReadForImport(import.FilePath, import.Password), cancellationToken);

        /// <summary>Imports a file already read and checked with <see cref="CertificateFiles.ReadForImport"/> (the cmdlet reads it once, before asking).</summary>
        public VaultCertificate Import(VaultAddress vault, CertificateImport import, CertificateFileContent content, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(import.Name, EntryKind.Certificate, "Name");
            EntryRules.CheckTags(import.Tags, "Tag");
            var options = new ImportCertificateOptions(import.Name, content.Value)
            {
                Password = content.Password,
                Policy = CertificatePolicies.ForImport(content.IsPem),
                Enabled = import.Enabled ? (bool?)null : false,
            };
            if (import.Tags != null)
            {
                foreach (var tag in import.Tags)
                {
                    options.Tags[tag.Key] = tag.Value;
                }
            }

            var result = Translate.Call(EntryKind.Certificate, EntryUrl(vault, import.Name, null), () => ClientFor(vault).ImportCertificate(options, cancellationToken).Value);
            return ToCertificate(new VaultCertificate(), vault, result);
        }

        /// <summary>
        /// Writes a certificate to a file: Pfx (private key from the backing secret, re-encrypted with
        /// <paramref name="password"/>), Pem (private key, encrypted when a password is given, then the
        /// chain) or Cer (public certificate only; the secret is not read). Refuses to replace a file
        /// unless <paramref name="overwrite"/>; writes atomically, owner-only on Unix.
        /// </summary>
        public FileInfo Export(VaultAddress vault, string name, string? version, string path, CertificateFileFormat format, SecureString? password, bool overwrite, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Certificate, "Name");
            EntryRules.CheckVersion(version, "Version");
            if (format == CertificateFileFormat.Pfx && (password is null || password.Length == 0))
            {
                throw VaultException.InvalidArgument("PasswordRequired", "Password", "-Password is required to export a PFX file: it protects the private key in the file.");
            }

            AtomicFile.CheckTarget(path, overwrite, "FilePath");
            var certificate = Get(vault, name, version, cancellationToken);
            byte[] content;
            if (format == CertificateFileFormat.Cer)
            {
                content = certificate.Certificate?.RawData ?? throw new VaultException(VaultErrorKind.ServiceError, "CertificateHasNoContent",
                    $"The vault returned no X.509 content for certificate '{name}' (is it still pending?).", null, certificate.Id);
            }
            else
            {
                var secretId = certificate.SecretId ?? throw new VaultException(VaultErrorKind.ServiceError, "CertificateHasNoSecret",
                    $"The vault returned no backing secret id for certificate '{name}'.", null, certificate.Id);
                var secretClient = _connection.Secrets(vault);
                var (_, secretName, secretVersion) = EntryRules.TryParseEntryId(secretId, EntryKind.Secret)
                    ?? throw new VaultException(VaultErrorKind.ServiceError, "CertificateHasNoSecret",
                        $"The vault returned a backing secret id for certificate '{name}' that is not a secret URL: '{secretId}'.", null, certificate.Id);
                var secret = Translate.Call(EntryKind.Certificate, secretId, () => secretClient.GetSecret(secretName, secretVersion, cancellationToken).Value);
                content = CertificateFiles.FromSecretValue(name, secret.Value, secret.Properties.ContentType, format, password);
            }

            return AtomicFile.Write(path, content, overwrite, privateFile: format != CertificateFileFormat.Cer, "FilePath");
        }

        /// <summary>Soft-deletes a certificate (with its backing key and secret); see <see cref="WaitFor{T}"/>.</summary>
        public PendingEntryOperation<DeletedVaultCertificate> Remove(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Certificate, "Name");
            var operation = Translate.Call(EntryKind.Certificate, EntryUrl(vault, name, null), () => ClientFor(vault).StartDeleteCertificate(name, cancellationToken));
            return new PendingEntryOperation<DeletedVaultCertificate>(vault.Name, vault.Uri, name, ToDeleted(vault, operation.Value), operation);
        }

        /// <summary>Permanently deletes a certificate in the deleted state.</summary>
        public void Purge(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Certificate, "Name");
            Translate.Call(EntryKind.Certificate, DeletedUrl(vault, name), () => ClientFor(vault).PurgeDeletedCertificate(name, cancellationToken));
        }

        public PendingEntryOperation<VaultCertificate> StartRecover(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Certificate, "Name");
            var operation = Translate.Call(EntryKind.Certificate, DeletedUrl(vault, name), () => ClientFor(vault).StartRecoverDeletedCertificate(name, cancellationToken));
            return new PendingEntryOperation<VaultCertificate>(vault.Name, vault.Uri, name, ToCertificate(new VaultCertificate(), vault, operation.Value), operation);
        }

        /// <summary>Waits (bounded) until a soft delete or recovery is visible; false when it is still not at the end of the wait.</summary>
        public bool WaitFor<T>(PendingEntryOperation<T> pending, Action<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
            where T : class
            => pending.Wait(this, progress, cancellationToken);

        public FileInfo Backup(VaultAddress vault, string name, string path, bool overwrite, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Certificate, "Name");
            AtomicFile.CheckTarget(path, overwrite, "OutputFile");
            byte[] backup = Translate.Call(EntryKind.Certificate, EntryUrl(vault, name, null), () => ClientFor(vault).BackupCertificate(name, cancellationToken).Value);
            return AtomicFile.Write(path, backup, overwrite, privateFile: true, "OutputFile");
        }

        public VaultCertificate Restore(VaultAddress vault, string path, CancellationToken cancellationToken = default)
        {
            byte[] backup = AtomicFile.Read(path, "InputFile", MaxBackupBytes);
            var restored = Translate.Call(EntryKind.Certificate, vault.Uri.ToString(), () => ClientFor(vault).RestoreCertificateBackup(backup, cancellationToken).Value);
            return ToCertificate(new VaultCertificate(), vault, restored);
        }

        public VaultCertificatePolicy GetPolicy(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Certificate, "Name");
            var policy = Translate.Call(EntryKind.Certificate, EntryUrl(vault, name, null) + "/policy", () => ClientFor(vault).GetCertificatePolicy(name, cancellationToken).Value);
            return CertificatePolicies.FromSdk(policy, vault, name);
        }

        /// <summary>
        /// Replaces a certificate's policy (it governs the next version: renewal, new key, new subject).
        /// Properties left null in <paramref name="policy"/> are not sent, so the vault keeps them.
        /// </summary>
        public VaultCertificatePolicy SetPolicy(VaultAddress vault, string name, VaultCertificatePolicy policy, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Certificate, "Name");
            var sdkPolicy = CertificatePolicies.ToSdk(CertificateRules.CheckPolicy(policy));
            var updated = Translate.Call(EntryKind.Certificate, EntryUrl(vault, name, null) + "/policy", () => ClientFor(vault).UpdateCertificatePolicy(name, sdkPolicy, cancellationToken).Value);
            return CertificatePolicies.FromSdk(updated, vault, name);
        }

        public static string EntryUrl(VaultAddress vault, string name, string? version)
            => new Uri(vault.Uri, "certificates/" + name + (version is null ? "" : "/" + version)).ToString();

        public static string DeletedUrl(VaultAddress vault, string name)
            => new Uri(vault.Uri, "deletedcertificates/" + name).ToString();

        EntryKind IEntryLifecycle.Kind => EntryKind.Certificate;

        string IEntryLifecycle.EntryUrl(VaultAddress vault, string name) => EntryUrl(vault, name, null);

        string IEntryLifecycle.DeletedUrl(VaultAddress vault, string name) => DeletedUrl(vault, name);

        private CertificateClient ClientFor(VaultAddress vault) => _connection.Certificates(vault);

        internal static T Fill<T>(T target, VaultAddress vault, CertificateProperties p)
            where T : VaultCertificateProperties
        {
            target.VaultName = vault.Name;
            target.VaultUri = vault.Uri;
            target.Name = p.Name;
            target.Version = p.Version;
            target.Id = p.Id?.ToString() ?? EntryUrl(vault, p.Name, p.Version);
            target.Thumbprint = p.X509Thumbprint is null || p.X509Thumbprint.Length == 0 ? null : Hex(p.X509Thumbprint);
            target.Enabled = p.Enabled ?? true;
            target.NotBefore = p.NotBefore;
            target.Expires = p.ExpiresOn;
            target.Created = p.CreatedOn;
            target.Updated = p.UpdatedOn;
            target.RecoveryLevel = p.RecoveryLevel;
            target.RecoverableDays = p.RecoverableDays;
            target.Tags = new Dictionary<string, string>(p.Tags, StringComparer.Ordinal);
            return target;
        }

        internal static T ToCertificate<T>(T target, VaultAddress vault, KeyVaultCertificate certificate)
            where T : VaultCertificate
        {
            Fill(target, vault, certificate.Properties);
            target.KeyId = Optional(() => certificate.KeyId)?.ToString();
            target.SecretId = Optional(() => certificate.SecretId)?.ToString();
            if (certificate.Cer != null && certificate.Cer.Length > 0)
            {
                var x509 = new X509Certificate2(certificate.Cer);
                target.Certificate = x509;
                target.Subject = x509.Subject;
                target.SubjectAlternativeNames = SubjectAlternativeNames(x509);
                target.Thumbprint ??= x509.Thumbprint;
            }

            return target;
        }

        internal static DeletedVaultCertificate ToDeleted(VaultAddress vault, DeletedCertificate deleted)
        {
            var result = ToCertificate(new DeletedVaultCertificate(), vault, deleted);
            result.RecoveryId = deleted.RecoveryId?.ToString();
            result.DeletedOn = deleted.DeletedOn;
            result.ScheduledPurgeDate = deleted.ScheduledPurgeDate;
            return result;
        }

        internal static CertificateOperationStatus ToStatus(VaultAddress vault, string name, CertificateOperationProperties? p)
            => new CertificateOperationStatus
            {
                VaultName = vault.Name,
                VaultUri = vault.Uri,
                Name = name,
                Id = p?.Id?.ToString(),
                Status = p?.Status,
                StatusDetails = p?.StatusDetails,
                ErrorCode = p?.Error?.Code,
                ErrorMessage = p?.Error?.Message,
                Target = p?.Target,
                RequestId = p?.RequestId,
                IssuerName = p?.IssuerName,
                CancellationRequested = p?.CancellationRequested ?? false,
                Csr = p?.Csr is null || p.Csr.Length == 0 ? null : Convert.ToBase64String(p.Csr),
            };

#if !NET8_0_OR_GREATER
        private static readonly char[] SanSeparators = { ',', '\n' };
        private static readonly char[] SanNameValueSeparators = { '=', ':' };
#endif

        /// <summary>DNS names and IP addresses of the certificate's subject alternative name extension.</summary>
        internal static string[] SubjectAlternativeNames(X509Certificate2 certificate)
        {
            var extension = certificate.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == "2.5.29.17");
            if (extension is null)
            {
                return Array.Empty<string>();
            }

#if NET8_0_OR_GREATER
            var san = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
            return san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())).ToArray();
#else
            // Windows: "DNS Name=a.com, IP Address=1.2.3.4"; elsewhere "DNS:a.com, IP Address:1.2.3.4".
            return extension.Format(false).Split(SanSeparators, StringSplitOptions.RemoveEmptyEntries)
                .Select(part => part.Trim())
                .Where(part => part.StartsWith("DNS", StringComparison.OrdinalIgnoreCase) || part.StartsWith("IP", StringComparison.OrdinalIgnoreCase))
                .Select(part => part.Substring(part.IndexOfAny(SanNameValueSeparators) + 1).Trim())
                .ToArray();
#endif
        }

        /// <summary>
        /// The SDK builds KeyId/SecretId with new Uri(...) and throws when the service sent none, as it does
        /// for deleted certificates in listings; for us that is simply "not known".
        /// </summary>
        private static Uri? Optional(Func<Uri?> read)
        {
            try
            {
                return read();
            }
            catch (ArgumentNullException)
            {
                return null;
            }
        }

        private static string Hex(byte[] bytes)
            => BitConverter.ToString(bytes).Replace("-", "");
    }
}
