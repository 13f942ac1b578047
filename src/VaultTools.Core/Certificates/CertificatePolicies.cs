using System;
using System.Linq;
using Azure.Security.KeyVault.Certificates;
using VaultTools.Connection;
using VaultTools.Validation;

namespace VaultTools.Certificates
{
    /// <summary>Maps VaultTools' <see cref="VaultCertificatePolicy"/> to and from the SDK's CertificatePolicy.</summary>
    internal static class CertificatePolicies
    {
        public const string SelfIssuer = "Self";

        /// <summary>The SDK policy for a checked VaultTools policy (see <see cref="CertificateRules.CheckPolicy"/>).</summary>
        public static CertificatePolicy ToSdk(VaultCertificatePolicy p)
        {
            string issuer = string.IsNullOrWhiteSpace(p.IssuerName) ? SelfIssuer : p.IssuerName!;
            var sans = new SubjectAlternativeNames();
            foreach (var dns in p.DnsNames)
            {
                sans.DnsNames.Add(dns);
            }

            foreach (var email in p.Emails)
            {
                sans.Emails.Add(email);
            }

            foreach (var upn in p.UserPrincipalNames)
            {
                sans.UserPrincipalNames.Add(upn);
            }

            bool hasSans = sans.DnsNames.Count + sans.Emails.Count + sans.UserPrincipalNames.Count > 0;
            CertificatePolicy policy = string.IsNullOrWhiteSpace(p.SubjectName)
                ? new CertificatePolicy(issuer, sans)
                : hasSans ? new CertificatePolicy(issuer, p.SubjectName, sans) : new CertificatePolicy(issuer, p.SubjectName);

            if (p.KeyType != null)
            {
                policy.KeyType = new CertificateKeyType(p.KeyType);
            }

            policy.KeySize = p.KeySize;
            if (p.CurveName != null)
            {
                policy.KeyCurveName = new CertificateKeyCurveName(p.CurveName);
            }

            policy.Exportable = p.Exportable;
            policy.ReuseKey = p.ReuseKey;
            policy.ContentType = p.ContentType switch
            {
                "Pem" => CertificateContentType.Pem,
                "Pkcs12" => CertificateContentType.Pkcs12,
                _ => (CertificateContentType?)null,
            };
            policy.ValidityInMonths = p.ValidityInMonths;
            policy.CertificateType = p.CertificateType;
            policy.CertificateTransparency = p.CertificateTransparency;
            policy.Enabled = p.Enabled;
            foreach (var usage in p.KeyUsage)
            {
                policy.KeyUsage.Add(new CertificateKeyUsage(usage));
            }

            foreach (var eku in p.EnhancedKeyUsage)
            {
                policy.EnhancedKeyUsage.Add(eku);
            }

            AddAction(policy, CertificatePolicyAction.AutoRenew, p.RenewAtPercentageLifetime, p.RenewAtDaysBeforeExpiry);
            AddAction(policy, CertificatePolicyAction.EmailContacts, p.EmailAtPercentageLifetime, p.EmailAtDaysBeforeExpiry);
            return policy;
        }

        /// <summary>A policy for importing a file: only the backing secret's content type (and what the user set).</summary>
        public static CertificatePolicy ForImport(bool pem)
            => new CertificatePolicy { ContentType = pem ? CertificateContentType.Pem : CertificateContentType.Pkcs12 };

        public static VaultCertificatePolicy FromSdk(CertificatePolicy policy, VaultAddress? vault, string? certificateName)
        {
            var result = new VaultCertificatePolicy
            {
                VaultName = vault?.Name,
                VaultUri = vault?.Uri,
                Name = certificateName,
                Id = vault is null || certificateName is null ? null : new Uri(vault.Uri, "certificates/" + certificateName + "/policy").ToString(),
                IssuerName = policy.IssuerName,
                SubjectName = policy.Subject,
                DnsNames = policy.SubjectAlternativeNames?.DnsNames.ToArray() ?? Array.Empty<string>(),
                Emails = policy.SubjectAlternativeNames?.Emails.ToArray() ?? Array.Empty<string>(),
                UserPrincipalNames = policy.SubjectAlternativeNames?.UserPrincipalNames.ToArray() ?? Array.Empty<string>(),
                ValidityInMonths = policy.ValidityInMonths,
                KeyType = policy.KeyType?.ToString(),
                KeySize = policy.KeySize,
                CurveName = policy.KeyCurveName?.ToString(),
                Exportable = policy.Exportable,
                ReuseKey = policy.ReuseKey,
                ContentType = ContentTypeName(policy.ContentType?.ToString()),
                KeyUsage = policy.KeyUsage.Select(u => u.ToString()).ToArray(),
                EnhancedKeyUsage = policy.EnhancedKeyUsage.ToArray(),
                CertificateType = policy.CertificateType,
                CertificateTransparency = policy.CertificateTransparency,
                Enabled = policy.Enabled,
                Created = policy.CreatedOn,
                Updated = policy.UpdatedOn,
            };

            foreach (var action in policy.LifetimeActions)
            {
                if (action.Action == CertificatePolicyAction.AutoRenew)
                {
                    result.RenewAtPercentageLifetime = action.LifetimePercentage;
                    result.RenewAtDaysBeforeExpiry = action.DaysBeforeExpiry;
                }
                else if (action.Action == CertificatePolicyAction.EmailContacts)
                {
                    result.EmailAtPercentageLifetime = action.LifetimePercentage;
                    result.EmailAtDaysBeforeExpiry = action.DaysBeforeExpiry;
                }
            }

            return result;
        }

        /// <summary>"Pkcs12" or "Pem" for the MIME type; unknown values are kept as they are.</summary>
        public static string? ContentTypeName(string? mime)
        {
            if (mime is null)
            {
                return null;
            }

            try
            {
                return CertificateRules.NormalizeContentType(mime, "ContentType");
            }
            catch (Errors.VaultException)
            {
                return mime;
            }
        }

        private static void AddAction(CertificatePolicy policy, CertificatePolicyAction action, int? percentage, int? days)
        {
            if (percentage.HasValue || days.HasValue)
            {
                policy.LifetimeActions.Add(new LifetimeAction(action) { LifetimePercentage = percentage, DaysBeforeExpiry = days });
            }
        }
    }
}
