using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text.RegularExpressions;
using System.Threading;
using Azure.Security.KeyVault.Certificates;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Internal;

namespace VaultTools.Certificates
{
    /// <summary>
    /// Certificate issuers (the CA accounts a vault orders certificates from) and certificate contacts (who the
    /// vault e-mails about expiring certificates), through the official CertificateClient. Input is checked before
    /// any request; failures are VaultExceptions (VaultCertificateIssuerNotFound, VaultAccessDenied, ...). An
    /// issuer's API key is sent once and never read back, logged or put in a message.
    /// </summary>
    public sealed class CertificateIssuerService
    {
        private static readonly Regex IssuerName = new Regex("^[0-9a-zA-Z-]{1,127}\\z", RegexOptions.CultureInvariant);

        private readonly VaultConnection _connection;

        public CertificateIssuerService(VaultConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        }

        /// <summary>Issuer names follow the rule of entry names (letters, digits, hyphens, 1..127).</summary>
        public static void CheckIssuerName(string? name, string parameterName)
        {
            if (string.IsNullOrEmpty(name) || !IssuerName.IsMatch(name))
            {
                throw VaultException.InvalidArgument("InvalidCertificateIssuerName", parameterName,
                    $"The issuer name '{name}' given to -{parameterName} is not valid: names are 1 to 127 characters, letters, digits and hyphens only (^[0-9a-zA-Z-]{{1,127}}$).",
                    name);
            }
        }

        /// <summary>An e-mail address as a contact needs it: one '@' with something on both sides, no spaces.</summary>
        public static void CheckEmailAddress(string? email, string parameterName)
        {
            int at = email?.IndexOf('@') ?? -1;
            if (email is null || at <= 0 || at == email.Length - 1 || email.IndexOf('@', at + 1) >= 0 || email.Any(char.IsWhiteSpace))
            {
                throw VaultException.InvalidArgument("InvalidEmailAddress", parameterName,
                    $"'{email}' given to -{parameterName} is not an e-mail address (name@domain).", email);
            }
        }

        public static string IssuerUrl(VaultAddress vault, string name) => new Uri(vault.Uri, "certificates/issuers/" + name).ToString();

        public static string ContactsUrl(VaultAddress vault) => new Uri(vault.Uri, "certificates/contacts").ToString();

        public VaultCertificateIssuer Get(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            CheckIssuerName(name, "Name");
            var client = _connection.Certificates(vault);
            return ToIssuer(vault, Translate.Call(EntryKind.CertificateIssuer, IssuerUrl(vault, name), () => client.GetIssuer(name, cancellationToken).Value));
        }

        /// <summary>The vault's issuers as the list answers them (name, provider), optionally filtered by name.</summary>
        public IEnumerable<VaultCertificateIssuer> List(VaultAddress vault, Func<string, bool>? nameFilter = null, CancellationToken cancellationToken = default)
        {
            var client = _connection.Certificates(vault);
            return Translate.Enumerate(EntryKind.CertificateIssuer, vault.Uri.ToString(), () => client.GetPropertiesOfIssuers(cancellationToken))
                .Where(p => nameFilter is null || nameFilter(p.Name))
                .Select(p => new VaultCertificateIssuer { VaultName = vault.Name, Name = p.Name, Id = p.Id?.ToString(), IssuerProvider = p.Provider });
        }

        /// <summary>Creates the issuer or replaces it (everything not given is cleared, as Key Vault's set does).</summary>
        public VaultCertificateIssuer Set(VaultAddress vault, string name, string provider, string? accountId, SecureString? apiKey,
            VaultCertificateOrganizationDetails? organization, CancellationToken cancellationToken = default)
        {
            CheckIssuerName(name, "Name");
            if (string.IsNullOrWhiteSpace(provider))
            {
                throw VaultException.InvalidArgument("InvalidIssuerProvider", "IssuerProvider", "-IssuerProvider must name the CA provider (for example DigiCert or GlobalSign).");
            }
            foreach (var admin in organization?.AdministratorDetails ?? Array.Empty<VaultCertificateAdministrator>())
            {
                CheckEmailAddress(admin?.EmailAddress, "OrganizationDetails");
            }

            var issuer = new CertificateIssuer(name, provider)
            {
                AccountId = accountId,
                // The SDK's issuer model takes the password as a string; it lives only until the request is sent.
                Password = apiKey is null ? null : SecureStrings.ToPlainText(apiKey),
                OrganizationId = organization?.Id,
            };
            foreach (var admin in organization?.AdministratorDetails ?? Array.Empty<VaultCertificateAdministrator>())
            {
                issuer.AdministratorContacts.Add(new AdministratorContact
                {
                    FirstName = admin.FirstName,
                    LastName = admin.LastName,
                    Email = admin.EmailAddress,
                    Phone = admin.PhoneNumber,
                });
            }

            var client = _connection.Certificates(vault);
            return ToIssuer(vault, Translate.Call(EntryKind.CertificateIssuer, IssuerUrl(vault, name), () => client.CreateIssuer(issuer, cancellationToken).Value));
        }

        /// <summary>Deletes the issuer and returns what it was.</summary>
        public VaultCertificateIssuer Remove(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            CheckIssuerName(name, "Name");
            var client = _connection.Certificates(vault);
            return ToIssuer(vault, Translate.Call(EntryKind.CertificateIssuer, IssuerUrl(vault, name), () => client.DeleteIssuer(name, cancellationToken).Value));
        }

        /// <summary>The vault's contacts; none (the vault answers 404) is an empty list.</summary>
        public IReadOnlyList<VaultCertificateContact> GetContacts(VaultAddress vault, CancellationToken cancellationToken = default)
        {
            var client = _connection.Certificates(vault);
            try
            {
                return Translate.Call(EntryKind.CertificateContact, ContactsUrl(vault), () => client.GetContacts(cancellationToken).Value)
                    .Select(c => ToContact(vault, c)).ToList();
            }
            catch (VaultException ex) when (ex.Kind == VaultErrorKind.NotFound && ex.ErrorId == "VaultCertificateContactNotFound")
            {
                return Array.Empty<VaultCertificateContact>();
            }
        }

        /// <summary>Adds e-mail addresses to the contacts (those already there are kept once) and returns the contacts.</summary>
        public IReadOnlyList<VaultCertificateContact> AddContacts(VaultAddress vault, IEnumerable<string> emailAddresses, CancellationToken cancellationToken = default)
        {
            var adding = emailAddresses.ToList();
            adding.ForEach(e => CheckEmailAddress(e, "EmailAddress"));
            var current = GetContacts(vault, cancellationToken).ToList();
            foreach (var email in adding.Where(e => !current.Any(c => string.Equals(c.Email, e, StringComparison.OrdinalIgnoreCase))).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                current.Add(new VaultCertificateContact { VaultName = vault.Name, Email = email });
            }
            return Write(vault, current, cancellationToken);
        }

        /// <summary>
        /// Removes e-mail addresses from the contacts (the vault's contacts are deleted when none is left) and returns
        /// the contacts left and the addresses that were not contacts.
        /// </summary>
        public (IReadOnlyList<VaultCertificateContact> Remaining, IReadOnlyList<string> NotFound) RemoveContacts(VaultAddress vault, IEnumerable<string> emailAddresses,
            CancellationToken cancellationToken = default)
        {
            var removing = emailAddresses.ToList();
            removing.ForEach(e => CheckEmailAddress(e, "EmailAddress"));
            var current = GetContacts(vault, cancellationToken);
            var notFound = removing.Where(e => !current.Any(c => string.Equals(c.Email, e, StringComparison.OrdinalIgnoreCase))).ToList();
            var remaining = current.Where(c => !removing.Contains(c.Email, StringComparer.OrdinalIgnoreCase)).ToList();
            if (remaining.Count == current.Count)
            {
                return (current, notFound);
            }
            return (Write(vault, remaining, cancellationToken), notFound);
        }

        private IReadOnlyList<VaultCertificateContact> Write(VaultAddress vault, List<VaultCertificateContact> contacts, CancellationToken cancellationToken)
        {
            var client = _connection.Certificates(vault);
            if (contacts.Count == 0)
            {
                Translate.Call(EntryKind.CertificateContact, ContactsUrl(vault), () => client.DeleteContacts(cancellationToken));
                return Array.Empty<VaultCertificateContact>();
            }
            var sent = contacts.Select(c => new CertificateContact { Email = c.Email, Name = c.Name, Phone = c.Phone }).ToList();
            return Translate.Call(EntryKind.CertificateContact, ContactsUrl(vault), () => client.SetContacts(sent, cancellationToken).Value)
                .Select(c => ToContact(vault, c)).ToList();
        }

        private static VaultCertificateContact ToContact(VaultAddress vault, CertificateContact c)
            => new VaultCertificateContact { VaultName = vault.Name, Email = c.Email, Name = c.Name, Phone = c.Phone };

        private static VaultCertificateIssuer ToIssuer(VaultAddress vault, CertificateIssuer issuer) => new VaultCertificateIssuer
        {
            VaultName = vault.Name,
            Name = issuer.Name,
            Id = issuer.Id?.ToString(),
            IssuerProvider = issuer.Provider,
            AccountId = issuer.AccountId,
            OrganizationDetails = issuer.OrganizationId is null && issuer.AdministratorContacts.Count == 0
                ? null
                : new VaultCertificateOrganizationDetails
                {
                    Id = issuer.OrganizationId,
                    AdministratorDetails = issuer.AdministratorContacts.Select(a => new VaultCertificateAdministrator
                    {
                        FirstName = a.FirstName,
                        LastName = a.LastName,
                        EmailAddress = a.Email,
                        PhoneNumber = a.Phone,
                    }).ToArray(),
                },
            Enabled = issuer.Enabled,
            Created = issuer.CreatedOn,
            Updated = issuer.UpdatedOn,
        };
    }
}
