using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using VaultTools.Errors;
using VaultTools.Internal;

namespace VaultTools.Certificates
{
    /// <summary>The formats a certificate can be exported to.</summary>
    public enum CertificateFileFormat
    {
        /// <summary>PKCS#12 with the private key, protected by a password.</summary>
        Pfx,
        /// <summary>PEM: the private key (PKCS#8, encrypted when a password is given) followed by the certificates.</summary>
        Pem,
        /// <summary>The public certificate only, DER encoded.</summary>
        Cer,
    }

    /// <summary>A certificate file read for import: checked locally, then sent as the service expects it.</summary>
    public sealed class CertificateFileContent
    {
        internal CertificateFileContent(byte[] value, string? password, bool isPem, string subject, string thumbprint)
        {
            Value = value;
            Password = password;
            IsPem = isPem;
            Subject = subject;
            Thumbprint = thumbprint;
        }

        /// <summary>What the import request carries: the PFX bytes, or the PEM text (as ASCII bytes).</summary>
        internal byte[] Value { get; }

        /// <summary>The PFX password (sent to the service, which opens the PFX); null for PEM.</summary>
        internal string? Password { get; }

        public bool IsPem { get; }
        public string Subject { get; }
        public string Thumbprint { get; }
    }

    /// <summary>
    /// Reading certificate files for import and writing them for export. Everything is checked locally
    /// before a request: a PFX must open with the password and hold a private key, a PEM must have a
    /// certificate and its matching private key. Passwords and key material never go into messages.
    /// </summary>
    public static class CertificateFiles
    {
        /// <summary>Larger than any certificate chain a vault holds; guards against reading a wrong file whole.</summary>
        internal const long MaxFileBytes = 1024 * 1024;

        private const string PemKeyLabelsHint = "PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY or ENCRYPTED PRIVATE KEY";

        /// <summary>Reads and checks a PFX (.pfx/.p12) or PEM file with a private key, for Import-VaultCertificate.</summary>
        public static CertificateFileContent ReadForImport(string path, SecureString? password)
        {
            byte[] bytes = AtomicFile.Read(path, "FilePath", MaxFileBytes);
            string? pem = AsPem(bytes);
            return pem != null ? ReadPem(path, pem, password) : ReadPfx(path, bytes, password);
        }

        private static CertificateFileContent ReadPfx(string path, byte[] bytes, SecureString? password)
        {
            if (bytes[0] != 0x30)
            {
                throw VaultException.InvalidArgument("InvalidCertificateFile", "FilePath",
                    $"'{path}' given to -FilePath is neither a PFX (PKCS#12) file nor a PEM file with a certificate and private key.", path);
            }

            string? plain = password is null ? null : SecureStrings.ToPlainText(password);
            var collection = new X509Certificate2Collection();
            try
            {
                collection.Import(bytes, plain, LoadFlags);
            }
            catch (CryptographicException ex)
            {
                throw new VaultException(VaultErrorKind.InvalidArgument, "InvalidCertificatePassword",
                    password is null
                        ? $"The PFX file '{path}' is password-protected (or damaged): give its password with -Password."
                        : $"The PFX file '{path}' could not be opened with the password given to -Password: the password is wrong or the file is damaged. Nothing was imported.",
                    ex, path)
                {
                    ParameterName = "Password",
                };
            }

            try
            {
                var leaf = collection.Cast<X509Certificate2>().FirstOrDefault(c => c.HasPrivateKey)
                    ?? throw VaultException.InvalidArgument("CertificateFileHasNoPrivateKey", "FilePath",
                        $"The PFX file '{path}' given to -FilePath holds no private key; Key Vault imports a certificate together with its private key.", path);
                return new CertificateFileContent(bytes, plain, isPem: false, leaf.Subject, leaf.Thumbprint);
            }
            finally
            {
                Dispose(collection);
            }
        }

        private static CertificateFileContent ReadPem(string path, string pem, SecureString? password)
        {
            var blocks = PemBlocks(pem);
            var certificates = blocks.Where(b => b.Label == "CERTIFICATE").ToList();
            var key = blocks.FirstOrDefault(b => b.Label.EndsWith("PRIVATE KEY", StringComparison.Ordinal));
            if (certificates.Count == 0)
            {
                throw VaultException.InvalidArgument("InvalidCertificateFile", "FilePath", $"The PEM file '{path}' given to -FilePath has no CERTIFICATE block.", path);
            }

            if (key is null)
            {
                throw VaultException.InvalidArgument("CertificateFileHasNoPrivateKey", "FilePath",
                    $"The PEM file '{path}' given to -FilePath has no private key ({PemKeyLabelsHint}); Key Vault imports a certificate together with its private key.", path);
            }

#if NET8_0_OR_GREATER
            bool encrypted = key.Label == "ENCRYPTED PRIVATE KEY";
            if (encrypted && password is null)
            {
                throw VaultException.InvalidArgument("InvalidCertificatePassword", "Password",
                    $"The private key in '{path}' is encrypted: give its password with -Password.", path);
            }

            string keyPem = key.Text;
            if (encrypted)
            {
                // The service takes PEM keys unencrypted (over TLS); decrypt here so the password never leaves the machine.
                keyPem = DecryptPemKey(path, key.Text, SecureStrings.ToPlainText(password!));
            }

            X509Certificate2 leaf;
            try
            {
                leaf = X509Certificate2.CreateFromPem(certificates[0].Text, keyPem);
            }
            catch (CryptographicException ex)
            {
                throw new VaultException(VaultErrorKind.InvalidArgument, "CertificateKeyMismatch",
                    $"The PEM file '{path}' could not be read as a certificate with its private key (the key may not belong to the first certificate): {ex.Message}", ex, path)
                {
                    ParameterName = "FilePath",
                };
            }

            using (leaf)
            {
                // Key first, then the certificates, as Key Vault itself stores PEM certificates.
                var text = new StringBuilder();
                text.Append(keyPem.Trim()).Append('\n');
                foreach (var certificate in certificates)
                {
                    text.Append(certificate.Text.Trim()).Append('\n');
                }

                return new CertificateFileContent(Encoding.ASCII.GetBytes(text.ToString()), null, isPem: true, leaf.Subject, leaf.Thumbprint);
            }
#else
            if (key.Label == "ENCRYPTED PRIVATE KEY")
            {
                throw new VaultException(VaultErrorKind.NotImplemented, "EncryptedPemNeedsPowerShell7",
                    $"The private key in '{path}' is encrypted; decrypting PEM keys needs PowerShell 7. Use a PFX file, or an unencrypted PEM.", null, path);
            }

            using var first = new X509Certificate2(Convert.FromBase64String(certificates[0].Base64));
            return new CertificateFileContent(Encoding.ASCII.GetBytes(pem), null, isPem: true, first.Subject, first.Thumbprint);
#endif
        }

        /// <summary>
        /// Builds the export file from the backing secret's value (Base64 PFX or PEM text, by its content
        /// type). Fails when the value holds no private key (the policy made the key non-exportable).
        /// </summary>
        public static byte[] FromSecretValue(string certificateName, string secretValue, string? contentType, CertificateFileFormat format, SecureString? password)
        {
            bool pem = string.Equals(contentType, "application/x-pem-file", StringComparison.OrdinalIgnoreCase) || AsPem(Encoding.ASCII.GetBytes(secretValue.TrimStart())) != null;
            if (format == CertificateFileFormat.Pem && pem && password is null)
            {
                EnsurePemHasKey(certificateName, secretValue);
                return Encoding.ASCII.GetBytes(secretValue.Replace("\r\n", "\n"));
            }

            var collection = pem ? CollectionFromPem(certificateName, secretValue) : CollectionFromPfx(certificateName, secretValue);
            try
            {
                var leaf = collection.Cast<X509Certificate2>().FirstOrDefault(c => c.HasPrivateKey) ?? throw NoPrivateKey(certificateName);
                if (format == CertificateFileFormat.Pfx)
                {
                    if (password is null)
                    {
                        throw VaultException.InvalidArgument("PasswordRequired", "Password", "-Password is required to export a PFX file: it protects the private key.");
                    }

                    return collection.Export(X509ContentType.Pkcs12, SecureStrings.ToPlainText(password))
                        ?? throw new VaultException(VaultErrorKind.ServiceError, "CertificateExportFailed", $"Certificate '{certificateName}' could not be written as PFX.");
                }

                return ToPem(certificateName, leaf, collection, password);
            }
            finally
            {
                Dispose(collection);
            }
        }

        /// <summary>The export format for a file name when none is given: .pem is Pem, .cer/.crt/.der is Cer, anything else Pfx.</summary>
        public static CertificateFileFormat FormatFromPath(string path)
        {
            string ext = Path.GetExtension(path).ToLowerInvariant();
            return ext switch
            {
                ".pem" => CertificateFileFormat.Pem,
                ".cer" or ".crt" or ".der" => CertificateFileFormat.Cer,
                _ => CertificateFileFormat.Pfx,
            };
        }

        /// <summary>Flags for loading PFX content whose key must be exportable but must not linger in a key store.</summary>
        internal static X509KeyStorageFlags LoadFlags
        {
            get
            {
#if NET8_0_OR_GREATER
                return OperatingSystem.IsMacOS() ? X509KeyStorageFlags.Exportable : X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet;
#else
                return X509KeyStorageFlags.Exportable;
#endif
            }
        }

        private static X509Certificate2Collection CollectionFromPfx(string certificateName, string secretValue)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(secretValue.Trim());
            }
            catch (FormatException ex)
            {
                throw new VaultException(VaultErrorKind.ServiceError, "CertificateSecretUnreadable",
                    $"The backing secret of certificate '{certificateName}' is not Base64 PKCS#12 content.", ex, certificateName);
            }

            var collection = new X509Certificate2Collection();
            try
            {
                collection.Import(bytes, (string?)null, LoadFlags);
            }
            catch (CryptographicException ex)
            {
                throw new VaultException(VaultErrorKind.ServiceError, "CertificateSecretUnreadable",
                    $"The backing secret of certificate '{certificateName}' could not be opened as PKCS#12: {ex.Message}", ex, certificateName);
            }

            return collection;
        }

        private static X509Certificate2Collection CollectionFromPem(string certificateName, string secretValue)
        {
#if NET8_0_OR_GREATER
            var blocks = PemBlocks(secretValue);
            var certificates = blocks.Where(b => b.Label == "CERTIFICATE").ToList();
            var key = blocks.FirstOrDefault(b => b.Label.EndsWith("PRIVATE KEY", StringComparison.Ordinal) && b.Label != "ENCRYPTED PRIVATE KEY");
            if (key is null)
            {
                throw NoPrivateKey(certificateName);
            }

            if (certificates.Count == 0)
            {
                throw new VaultException(VaultErrorKind.ServiceError, "CertificateSecretUnreadable", $"The backing secret of certificate '{certificateName}' has no CERTIFICATE block.", null, certificateName);
            }

            var collection = new X509Certificate2Collection();
            using (var withKey = X509Certificate2.CreateFromPem(certificates[0].Text, key.Text))
            {
                // Round-trip through PKCS#12 so that the key is usable for export on every platform.
                byte[] pfx = withKey.Export(X509ContentType.Pkcs12, (string?)null) ?? Array.Empty<byte>();
                collection.Import(pfx, (string?)null, LoadFlags);
            }

            foreach (var certificate in certificates.Skip(1))
            {
                collection.Add(X509Certificate2.CreateFromPem(certificate.Text));
            }

            return collection;
#else
            throw new VaultException(VaultErrorKind.NotImplemented, "PemNeedsPowerShell7",
                $"Certificate '{certificateName}' is stored as PEM; converting it needs PowerShell 7. Export it with -Format Pem.", null, certificateName);
#endif
        }

        private static byte[] ToPem(string certificateName, X509Certificate2 leaf, X509Certificate2Collection collection, SecureString? password)
        {
#if NET8_0_OR_GREATER
            AsymmetricAlgorithm key = (AsymmetricAlgorithm?)leaf.GetRSAPrivateKey() ?? leaf.GetECDsaPrivateKey() ?? throw NoPrivateKey(certificateName);
            using (key)
            {
                var text = new StringBuilder();
                if (password is null)
                {
                    text.Append(key.ExportPkcs8PrivateKeyPem());
                }
                else
                {
                    var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 600_000);
                    text.Append(key.ExportEncryptedPkcs8PrivateKeyPem(SecureStrings.ToPlainText(password).AsSpan(), pbe));
                }

                text.Append('\n').Append(leaf.ExportCertificatePem()).Append('\n');
                foreach (var other in collection.Cast<X509Certificate2>().Where(c => !ReferenceEquals(c, leaf)))
                {
                    text.Append(other.ExportCertificatePem()).Append('\n');
                }

                return Encoding.ASCII.GetBytes(text.ToString());
            }
#else
            throw new VaultException(VaultErrorKind.NotImplemented, "PemNeedsPowerShell7",
                $"Writing certificate '{certificateName}' as PEM from PKCS#12 needs PowerShell 7. Export it with -Format Pfx.", null, certificateName);
#endif
        }

#if NET8_0_OR_GREATER
        private static string DecryptPemKey(string path, string encryptedPem, string password)
        {
            foreach (Func<AsymmetricAlgorithm> create in new Func<AsymmetricAlgorithm>[] { RSA.Create, () => ECDsa.Create() })
            {
                using var key = create();
                try
                {
                    key.ImportFromEncryptedPem(encryptedPem.AsSpan(), password.AsSpan());
                    return key.ExportPkcs8PrivateKeyPem();
                }
                catch (CryptographicException)
                {
                    // try the next algorithm; a wrong password fails for both
                }
            }

            throw VaultException.InvalidArgument("InvalidCertificatePassword", "Password",
                $"The encrypted private key in '{path}' could not be decrypted with the password given to -Password: the password is wrong or the key is not RSA or EC. Nothing was imported.", path);
        }
#endif

        private static void EnsurePemHasKey(string certificateName, string pem)
        {
            if (!PemBlocks(pem).Any(b => b.Label.EndsWith("PRIVATE KEY", StringComparison.Ordinal)))
            {
                throw NoPrivateKey(certificateName);
            }
        }

        private static VaultException NoPrivateKey(string certificateName)
            => new VaultException(VaultErrorKind.OperationNotAllowed, "CertificateKeyNotExportable",
                $"The backing secret of certificate '{certificateName}' holds no private key: its policy makes the key non-exportable. Export -Format Cer gives the public certificate.", null, certificateName);

        /// <summary>The text when the bytes are a PEM file, else null.</summary>
        private static string? AsPem(byte[] bytes)
        {
            int length = Math.Min(bytes.Length, 4096);
            string head = Encoding.ASCII.GetString(bytes, 0, length);
            return head.IndexOf("-----BEGIN ", StringComparison.Ordinal) >= 0 ? Encoding.UTF8.GetString(bytes) : null;
        }

        private sealed class PemBlock
        {
            public PemBlock(string label, string text, string base64)
            {
                Label = label;
                Text = text;
                Base64 = base64;
            }

            public string Label { get; }
            public string Text { get; }
            public string Base64 { get; }
        }

        private static List<PemBlock> PemBlocks(string pem)
        {
            var blocks = new List<PemBlock>();
            int at = 0;
            while (true)
            {
                int begin = pem.IndexOf("-----BEGIN ", at, StringComparison.Ordinal);
                if (begin < 0)
                {
                    break;
                }

                int labelEnd = pem.IndexOf("-----", begin + 11, StringComparison.Ordinal);
                if (labelEnd < 0)
                {
                    break;
                }

                string label = pem.Substring(begin + 11, labelEnd - begin - 11);
                string footer = "-----END " + label + "-----";
                int end = pem.IndexOf(footer, labelEnd, StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }

                string body = pem.Substring(labelEnd + 5, end - labelEnd - 5);
                string base64 = new string(body.Where(c => !char.IsWhiteSpace(c)).ToArray());
                blocks.Add(new PemBlock(label, pem.Substring(begin, end + footer.Length - begin), base64));
                at = end + footer.Length;
            }

            return blocks;
        }

        private static void Dispose(X509Certificate2Collection collection)
        {
            foreach (var certificate in collection)
            {
                certificate.Dispose();
            }
        }
    }
}
