using System.Collections.Generic;
using System.Security;
using Azure.Security.KeyVault.Certificates;

namespace VaultTools.Certificates
{
    /// <summary>What Import-VaultCertificate imports: a PFX or PEM file with its private key.</summary>
    public sealed class CertificateImport
    {
        public string Name { get; set; } = "";
        /// <summary>Full path of the file (the cmdlet resolves PowerShell paths).</summary>
        public string FilePath { get; set; } = "";
        public SecureString? Password { get; set; }
        public IDictionary<string, string>? Tags { get; set; }
        public bool Enabled { get; set; } = true;
    }

    /// <summary>
    /// A certificate creation the vault has accepted (202 with a pending operation). Status is the last
    /// state read; CertificateService.WaitForCreation polls it to completion within bounds.
    /// </summary>
    public sealed class CertificateCreation
    {
        internal CertificateCreation(CertificateOperationStatus status, CertificateOperation operation)
        {
            Status = status;
            Operation = operation;
        }

        public CertificateOperationStatus Status { get; internal set; }

        public string Name => Status.Name;

        internal CertificateOperation Operation { get; }

        public override string ToString() => Status.ToString();
    }
}
