using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using VaultTools.Errors;

namespace VaultTools.Validation
{
    /// <summary>
    /// Key Vault's rules for certificate policies, checked before any request so that a bad policy
    /// changes nothing and the error names the parameter (as Add-VaultCertificate and
    /// New-VaultCertificatePolicy call it) and the rule.
    /// </summary>
    public static class CertificateRules
    {
        public const int MinValidityInMonths = 1;
        public const int MaxValidityInMonths = 1200;
        /// <summary>A days-before-expiry trigger may be at most validity_in_months x 27 (the service's rule).</summary>
        public const int DaysPerMonthForTriggers = 27;

        public static readonly int[] RsaKeySizes = { 2048, 3072, 4096 };
        public static readonly string[] KeyTypes = { "RSA", "RSA-HSM", "EC", "EC-HSM" };
        /// <summary>The curves of a certificate's key: those of any Key Vault key.</summary>
        public static readonly IReadOnlyList<string> CurveNames = Keys.KeyRules.CurveNames;
        public static readonly string[] ContentTypes = { "Pkcs12", "Pem" };
        public static readonly string[] KeyUsages =
        {
            "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
            "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly",
        };

        private static readonly Regex DnsName = new Regex(
            @"^(\*\.)?[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\z",
            RegexOptions.CultureInvariant);

        private static readonly Regex Oid = new Regex(@"^[0-2](\.(0|[1-9][0-9]*))+\z", RegexOptions.CultureInvariant);

        /// <summary>
        /// Checks a policy and returns it normalised (key type, curve and key usage names in the service's
        /// spelling, content type as Pkcs12 or Pem). The input is not changed.
        /// </summary>
        public static VaultCertificatePolicy CheckPolicy(VaultCertificatePolicy policy)
        {
            if (policy is null)
            {
                throw VaultException.InvalidArgument("MissingPolicy", "Policy", "-Policy is required.");
            }

            var p = policy.Clone();
            if (string.IsNullOrWhiteSpace(p.SubjectName) && p.DnsNames.Length == 0 && p.Emails.Length == 0 && p.UserPrincipalNames.Length == 0)
            {
                throw VaultException.InvalidArgument("PolicyNeedsSubject", "SubjectName",
                    "A certificate policy needs -SubjectName (e.g. 'CN=www.contoso.com') or at least one -DnsName.");
            }

            if (!string.IsNullOrWhiteSpace(p.SubjectName))
            {
                CheckSubject(p.SubjectName!);
            }

            if (p.IssuerName is not null)
            {
                // Self, Unknown, or the name of an issuer registered in the vault (Set-VaultCertificateIssuer).
                Certificates.CertificateIssuerService.CheckIssuerName(p.IssuerName, "IssuerName");
            }

            foreach (var dns in p.DnsNames)
            {
                if (string.IsNullOrEmpty(dns) || dns.Length > 253 || !DnsName.IsMatch(dns))
                {
                    throw VaultException.InvalidArgument("InvalidDnsName", "DnsName",
                        $"'{dns}' given to -DnsName is not a DNS name: labels of letters, digits and hyphens separated by dots, optionally starting with '*.', at most 253 characters.", dns);
                }
            }

            if (p.ValidityInMonths.HasValue && (p.ValidityInMonths < MinValidityInMonths || p.ValidityInMonths > MaxValidityInMonths))
            {
                throw VaultException.InvalidArgument("InvalidValidity", "ValidityInMonths",
                    $"-ValidityInMonths {p.ValidityInMonths} is out of range: a certificate is valid for {MinValidityInMonths} to {MaxValidityInMonths} months.", p.ValidityInMonths);
            }

            CheckKey(p);
            p.ContentType = NormalizeContentType(p.ContentType, "ContentType");

            for (int i = 0; i < p.KeyUsage.Length; i++)
            {
                string? known = KeyUsages.FirstOrDefault(k => string.Equals(k, p.KeyUsage[i], StringComparison.OrdinalIgnoreCase));
                p.KeyUsage[i] = known ?? throw VaultException.InvalidArgument("InvalidKeyUsage", "KeyUsage",
                    $"'{p.KeyUsage[i]}' given to -KeyUsage is not a key usage; use {string.Join(", ", KeyUsages)}.", p.KeyUsage[i]);
            }

            foreach (var eku in p.EnhancedKeyUsage)
            {
                if (string.IsNullOrEmpty(eku) || !Oid.IsMatch(eku))
                {
                    throw VaultException.InvalidArgument("InvalidEnhancedKeyUsage", "EnhancedKeyUsage",
                        $"'{eku}' given to -EnhancedKeyUsage is not an OID (e.g. 1.3.6.1.5.5.7.3.1 for server authentication).", eku);
                }
            }

            int validity = p.ValidityInMonths ?? 12;
            CheckTrigger(p.RenewAtPercentageLifetime, p.RenewAtDaysBeforeExpiry, "RenewAtPercentageLifetime", "RenewAtDaysBeforeExpiry", validity);
            CheckTrigger(p.EmailAtPercentageLifetime, p.EmailAtDaysBeforeExpiry, "EmailAtPercentageLifetime", "EmailAtDaysBeforeExpiry", validity);
            return p;
        }

        /// <summary>An X.500 distinguished name such as "CN=www.contoso.com, O=Contoso".</summary>
        public static void CheckSubject(string subject)
        {
            // A line break or other control character is refused: X500DistinguishedName would keep or drop it silently.
            bool valid = subject.IndexOf('=') > 0 && !subject.Any(char.IsControl);
            if (valid)
            {
                try
                {
                    valid = new X500DistinguishedName(subject).RawData.Length > 2;
                }
                catch (CryptographicException)
                {
                    valid = false;
                }
            }

            if (!valid)
            {
                throw VaultException.InvalidArgument("InvalidSubjectName", "SubjectName",
                    $"'{subject}' given to -SubjectName is not an X.500 name: write it as 'CN=www.contoso.com' (optionally with O=, OU=, C=...).", subject);
            }
        }

        /// <summary>"Pkcs12" or "Pem" (the MIME types application/x-pkcs12 and application/x-pem-file are accepted too); null stays null.</summary>
        public static string? NormalizeContentType(string? contentType, string parameterName)
        {
            if (contentType is null)
            {
                return null;
            }

            if (contentType.Equals("Pkcs12", StringComparison.OrdinalIgnoreCase) || contentType.Equals("Pfx", StringComparison.OrdinalIgnoreCase)
                || contentType.Equals("application/x-pkcs12", StringComparison.OrdinalIgnoreCase))
            {
                return "Pkcs12";
            }

            if (contentType.Equals("Pem", StringComparison.OrdinalIgnoreCase) || contentType.Equals("application/x-pem-file", StringComparison.OrdinalIgnoreCase))
            {
                return "Pem";
            }

            throw VaultException.InvalidArgument("InvalidContentType", parameterName,
                $"'{contentType}' given to -{parameterName} is not a certificate content type; use Pkcs12 or Pem.", contentType);
        }

        private static void CheckKey(VaultCertificatePolicy p)
        {
            if (p.KeyType != null)
            {
                p.KeyType = KeyTypes.FirstOrDefault(k => string.Equals(k, p.KeyType, StringComparison.OrdinalIgnoreCase))
                    ?? throw VaultException.InvalidArgument("InvalidKeyType", "KeyType",
                        $"'{p.KeyType}' given to -KeyType is not a certificate key type; use {string.Join(", ", KeyTypes)}.", p.KeyType);
            }

            if (p.CurveName != null)
            {
                p.CurveName = CurveNames.FirstOrDefault(c => string.Equals(c, p.CurveName, StringComparison.OrdinalIgnoreCase))
                    ?? throw VaultException.InvalidArgument("InvalidCurveName", "CurveName",
                        $"'{p.CurveName}' given to -CurveName is not a curve Key Vault supports; use {string.Join(", ", CurveNames)}.", p.CurveName);
            }

            bool ec = p.KeyType != null ? p.KeyType.StartsWith("EC", StringComparison.Ordinal) : p.CurveName != null;
            if (ec)
            {
                if (p.KeyType is null)
                {
                    p.KeyType = "EC";
                }

                if (p.KeySize.HasValue)
                {
                    int expected = CurveSize(p.CurveName ?? "P-256");
                    if (p.KeySize != expected)
                    {
                        throw VaultException.InvalidArgument("InvalidKeySize", "KeySize",
                            $"-KeySize {p.KeySize} does not fit an EC key on curve {p.CurveName ?? "P-256"} ({expected} bits); for EC keys choose -CurveName and leave -KeySize out.", p.KeySize);
                    }
                }

                return;
            }

            if (p.CurveName != null)
            {
                throw VaultException.InvalidArgument("CurveNameNeedsEcKey", "CurveName",
                    $"-CurveName applies to EC keys; with -KeyType {p.KeyType} give -KeySize instead, or use -KeyType EC.", p.CurveName);
            }

            if (p.KeySize.HasValue && !RsaKeySizes.Contains(p.KeySize.Value))
            {
                throw VaultException.InvalidArgument("InvalidKeySize", "KeySize",
                    $"-KeySize {p.KeySize} is not an RSA key size Key Vault supports; use {string.Join(", ", RsaKeySizes)}.", p.KeySize);
            }
        }

        private static int CurveSize(string curve) => curve switch
        {
            "P-384" => 384,
            "P-521" => 521,
            _ => 256,
        };

        private static void CheckTrigger(int? percentage, int? days, string percentageParameter, string daysParameter, int validityInMonths)
        {
            if (percentage.HasValue && days.HasValue)
            {
                throw VaultException.InvalidArgument("ConflictingLifetimeTrigger", daysParameter,
                    $"Give -{percentageParameter} or -{daysParameter}, not both: a lifetime action has one trigger.");
            }

            if (percentage.HasValue && (percentage < 1 || percentage > 99))
            {
                throw VaultException.InvalidArgument("InvalidLifetimePercentage", percentageParameter,
                    $"-{percentageParameter} {percentage} is out of range: 1 to 99 (percent of the certificate's lifetime).", percentage);
            }

            int maxDays = validityInMonths * DaysPerMonthForTriggers;
            if (days.HasValue && (days < 1 || days > maxDays))
            {
                throw VaultException.InvalidArgument("InvalidDaysBeforeExpiry", daysParameter,
                    $"-{daysParameter} {days} is out of range: 1 to {maxDays} (validity of {validityInMonths} months x {DaysPerMonthForTriggers}).", days);
            }
        }
    }
}
