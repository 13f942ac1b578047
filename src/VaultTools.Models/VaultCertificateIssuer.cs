using System;

namespace VaultTools
{
    /// <summary>
    /// A certificate issuer registered in a vault: a CA provider (DigiCert, GlobalSign, ...) with the account the
    /// vault uses there. Policies name it by <see cref="Name"/> (their IssuerName). The account's API key (password)
    /// is write-only: the vault never returns it. Output of Get-VaultCertificateIssuer and Set-VaultCertificateIssuer -PassThru.
    /// </summary>
    public class VaultCertificateIssuer
    {
        public string VaultName { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Id { get; set; }
        /// <summary>The CA provider, e.g. DigiCert or GlobalSign.</summary>
        public string? IssuerProvider { get; set; }
        public string? AccountId { get; set; }
        public VaultCertificateOrganizationDetails? OrganizationDetails { get; set; }
        public bool? Enabled { get; set; }
        public DateTimeOffset? Created { get; set; }
        public DateTimeOffset? Updated { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>The organization an issuer's certificates are ordered for, and its administrators (Az.KeyVault's shape).</summary>
    public class VaultCertificateOrganizationDetails
    {
        /// <summary>The organization's id at the provider (DigiCert requires one).</summary>
        public string? Id { get; set; }
        public VaultCertificateAdministrator[] AdministratorDetails { get; set; } = Array.Empty<VaultCertificateAdministrator>();

        public override string ToString() => Id ?? "";
    }

    /// <summary>An administrator of the organization, as a CA provider needs it.</summary>
    public class VaultCertificateAdministrator
    {
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? EmailAddress { get; set; }
        public string? PhoneNumber { get; set; }

        public override string ToString() => EmailAddress ?? "";
    }

    /// <summary>A person the vault e-mails about its certificates (lifetime actions EmailContacts). Output of Get-VaultCertificateContact.</summary>
    public class VaultCertificateContact
    {
        public string VaultName { get; set; } = "";
        public string Email { get; set; } = "";
        public string? Name { get; set; }
        public string? Phone { get; set; }

        public override string ToString() => Email;
    }
}
