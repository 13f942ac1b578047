using System;
using System.IO;
using System.Linq;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Keys.Client;

namespace VaultTools.Keys
{
    /// <summary>
    /// Reads a key pair to import: PFX/PKCS#12 (any platform) or PEM (PowerShell 7: netstandard2.0 has
    /// no PEM reader), or a JSON web key. The private key stays in memory only as long as the import
    /// request needs it, and never appears in a message.
    /// </summary>
    internal static class KeyFiles
    {
        public static JsonWebKey Read(KeyImport import)
        {
            if (import.JsonWebKey != null)
            {
                return FromJson(import.JsonWebKey);
            }

            string path = import.KeyFilePath ?? throw VaultException.InvalidArgument("MissingKeySource", "KeyFilePath", "Give -KeyFilePath or -JsonWebKey to import a key.");
            if (!File.Exists(path))
            {
                throw VaultException.InvalidArgument("KeyFileNotFound", "KeyFilePath", $"The key file '{path}' given to -KeyFilePath does not exist.", path);
            }

            string extension = Path.GetExtension(path).ToLowerInvariant();
            string? password = import.KeyFilePassword is null ? null : SecureStrings.ToPlainText(import.KeyFilePassword);
            return extension switch
            {
                // Read through AtomicFile.Read: an empty or oversized file is refused naming -KeyFilePath, never a raw ArgumentException.
                ".pfx" or ".p12" => FromPfx(AtomicFile.Read(path, "KeyFilePath", Certificates.CertificateFiles.MaxFileBytes), password, path),
                ".pem" or ".key" => FromPem(System.Text.Encoding.UTF8.GetString(AtomicFile.Read(path, "KeyFilePath", Certificates.CertificateFiles.MaxFileBytes)), password, path),
                _ => throw VaultException.InvalidArgument("UnsupportedKeyFile", "KeyFilePath",
                    $"'{path}' given to -KeyFilePath is not a key file VaultTools imports: use a .pfx/.p12 (with -KeyFilePassword) or a .pem file with a private key.", path),
            };
        }

        internal static JsonWebKey FromJson(string json)
        {
            JsonWebKey jwk;
            try
            {
                using var document = JsonDocument.Parse(json);
                jwk = JsonWebKey.Read(document.RootElement);
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidOperationException || ex is ArgumentException)
            {
                throw VaultException.InvalidArgument("InvalidJsonWebKey", "JsonWebKey", "-JsonWebKey is not a JSON web key (RFC 7517) object with base64url fields.");
            }

            if (!jwk.HasPrivateKey)
            {
                throw VaultException.InvalidArgument("ImportNeedsPrivateKey", "JsonWebKey",
                    "-JsonWebKey has no private part (d, p, q, ...): Key Vault imports key pairs. A public key alone can be used locally, without the vault.");
            }

            return jwk;
        }

        private static JsonWebKey FromPfx(byte[] bytes, string? password, string path)
        {
            X509Certificate2 certificate;
            try
            {
#if NET8_0_OR_GREATER
                certificate = new X509Certificate2(bytes, password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
#else
                certificate = new X509Certificate2(bytes, password ?? "", X509KeyStorageFlags.Exportable);
#endif
            }
            catch (Exception ex) when (ex is CryptographicException || ex is ArgumentException)
            {
                throw new VaultException(VaultErrorKind.InvalidArgument, "KeyFileUnreadable",
                    $"The PFX file '{path}' could not be opened: the -KeyFilePassword is wrong, or the file is not a PFX/PKCS#12 file.", ex, path)
                {
                    ParameterName = "KeyFilePassword",
                };
            }

            using (certificate)
            {
                if (!certificate.HasPrivateKey)
                {
                    throw VaultException.InvalidArgument("ImportNeedsPrivateKey", "KeyFilePath", $"The PFX file '{path}' given to -KeyFilePath has no private key.", path);
                }

                using RSA? rsa = certificate.GetRSAPrivateKey();
                if (rsa != null)
                {
                    return ExportPrivate(() => JsonWebKey.FromRsa(rsa, true), path);
                }

                using ECDsa? ecdsa = certificate.GetECDsaPrivateKey();
                if (ecdsa != null)
                {
                    return ExportPrivate(() => JsonWebKey.FromECDsa(ecdsa, true), path);
                }
            }

            throw VaultException.InvalidArgument("UnsupportedKeyFile", "KeyFilePath", $"The PFX file '{path}' given to -KeyFilePath holds neither an RSA nor an EC key.", path);
        }

        private static JsonWebKey FromPem(string pem, string? password, string path)
        {
#if NET8_0_OR_GREATER
            bool encrypted = pem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
            bool ec = pem.Contains("-----BEGIN EC PRIVATE KEY-----");
            bool hasPrivate = encrypted || ec || pem.Contains("-----BEGIN RSA PRIVATE KEY-----") || pem.Contains("-----BEGIN PRIVATE KEY-----");
            if (!hasPrivate)
            {
                throw VaultException.InvalidArgument("ImportNeedsPrivateKey", "KeyFilePath",
                    $"'{path}' given to -KeyFilePath holds no private key (BEGIN PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY or ENCRYPTED PRIVATE KEY).", path);
            }

            if (encrypted && password is null)
            {
                throw VaultException.InvalidArgument("KeyFilePasswordRequired", "KeyFilePassword", $"'{path}' is an encrypted private key: give -KeyFilePassword.", path);
            }

            Exception? last = null;
            if (!ec)
            {
                try
                {
                    using var rsa = RSA.Create();
                    if (encrypted) rsa.ImportFromEncryptedPem(pem, password); else rsa.ImportFromPem(pem);
                    return JsonWebKey.FromRsa(rsa, true);
                }
                catch (Exception ex) when (ex is CryptographicException || ex is ArgumentException)
                {
                    last = ex;
                }
            }

            try
            {
                using var ecdsa = ECDsa.Create();
                if (encrypted) ecdsa.ImportFromEncryptedPem(pem, password); else ecdsa.ImportFromPem(pem);
                return JsonWebKey.FromECDsa(ecdsa, true);
            }
            catch (Exception ex) when (ex is CryptographicException || ex is ArgumentException)
            {
                last = ex;
            }

            throw new VaultException(VaultErrorKind.InvalidArgument, "KeyFileUnreadable",
                $"The PEM file '{path}' could not be read as an RSA or EC private key{(encrypted ? " (is -KeyFilePassword right?)" : "")}.", last, path)
            {
                ParameterName = encrypted ? "KeyFilePassword" : "KeyFilePath",
            };
#else
            throw VaultException.InvalidArgument("PemImportNeedsPowerShell7", "KeyFilePath",
                $"Importing a PEM key file (-KeyFilePath) needs PowerShell 7 (.NET 8). On Windows PowerShell 5.1, convert '{path}' to a PFX file (openssl pkcs12 -export) and import that.", path);
#endif
        }

        private static JsonWebKey ExportPrivate(Func<JsonWebKey> export, string path)
        {
            try
            {
                return export();
            }
            catch (Exception ex) when (ex is CryptographicException || ex is ArgumentException)
            {
                throw new VaultException(VaultErrorKind.InvalidArgument, "KeyFileUnreadable",
                    $"The private key in '{path}' cannot be exported for import (it is marked non-exportable).", ex, path);
            }
        }

        /// <summary>Checks an imported key: RSA 2048/3072/4096 or EC on a supported curve, with private parts.</summary>
        public static void Check(JsonWebKey key, string parameterName)
        {
            if (key.KeyType.IsRsa)
            {
                if (key.N is null || key.E is null)
                {
                    throw VaultException.InvalidArgument("InvalidJsonWebKey", parameterName, $"The RSA key given to -{parameterName} has no modulus (n) or exponent (e).");
                }

                int size = key.RsaKeySize;
                if (!KeyRules.RsaKeySizes.Contains(size))
                {
                    throw VaultException.InvalidArgument("InvalidKeySize", parameterName,
                        $"The RSA key given to -{parameterName} is {size} bits; Key Vault imports RSA keys of 2048, 3072 or 4096 bits.", size);
                }
            }
            else if (key.KeyType.IsEc)
            {
                KeyRules.CheckCurveName(key.CurveName?.ToString(), parameterName);
            }
            else
            {
                throw VaultException.InvalidArgument("InvalidKeyType", parameterName,
                    $"The key given to -{parameterName} is of type '{key.KeyType}'; Key Vault imports RSA and EC keys.", key.KeyType.ToString());
            }

            if (!key.HasPrivateKey)
            {
                throw VaultException.InvalidArgument("ImportNeedsPrivateKey", parameterName, $"The key given to -{parameterName} has no private part: Key Vault imports key pairs.");
            }
        }
    }
}
