using System.IO;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VaultTools.Errors;
using VaultTools.Internal;

namespace VaultTools.Connection
{
    /// <summary>Loads a service principal's certificate (PFX with its private key) for Connect-Vault -CertificatePath.</summary>
    public static class SignInCertificate
    {
        public static X509Certificate2 Load(string path, SecureString? password)
        {
            if (!File.Exists(path))
            {
                throw VaultException.InvalidArgument("CertificateFileNotFound", "CertificatePath", $"The file '{path}' given to -CertificatePath does not exist.", path);
            }

            // An empty file would reach X509Certificate2 as an empty array (a raw ArgumentException): refused by size first.
            byte[] bytes = AtomicFile.Read(path, "CertificatePath", Certificates.CertificateFiles.MaxFileBytes);
            X509Certificate2 certificate;
            try
            {
                certificate = new X509Certificate2(bytes, password is null ? null : SecureStrings.ToPlainText(password), X509KeyStorageFlags.DefaultKeySet);
            }
            catch (CryptographicException ex)
            {
                throw new VaultException(VaultErrorKind.InvalidArgument, "InvalidCertificateFile",
                    $"The file '{path}' given to -CertificatePath could not be read: it is not a PFX file, or -CertificatePassword is wrong.", ex, path)
                {
                    ParameterName = "CertificatePath",
                };
            }

            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw VaultException.InvalidArgument("CertificateWithoutPrivateKey", "CertificatePath",
                    $"The certificate in '{path}' given to -CertificatePath has no private key; signing in needs a PFX that includes it.", path);
            }

            return certificate;
        }
    }
}
