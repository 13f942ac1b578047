using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Builds a <see cref="VaultCertificatePolicy"/> from the policy parameters that Add-VaultCertificate
    /// and New-VaultCertificatePolicy share (same names, same meaning). A parameter that was not given
    /// stays null, so the vault applies its default.
    /// </summary>
    internal static class PolicyParameters
    {
        public static VaultCertificatePolicy Build(
            PSCmdlet cmdlet,
            string? subjectName,
            string[]? dnsName,
            int? validityInMonths,
            string? keyType,
            int? keySize,
            string? curveName,
            string? contentType,
            bool reuseKey,
            bool exportable,
            int? renewAtPercentageLifetime,
            int? renewAtDaysBeforeExpiry,
            int? emailAtPercentageLifetime,
            int? emailAtDaysBeforeExpiry,
            string[]? keyUsage,
            string[]? enhancedKeyUsage,
            string? issuerName = null)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            return new VaultCertificatePolicy
            {
                IssuerName = string.IsNullOrEmpty(issuerName) ? "Self" : issuerName,
                SubjectName = subjectName,
                DnsNames = dnsName ?? Array.Empty<string>(),
                ValidityInMonths = validityInMonths,
                KeyType = keyType,
                KeySize = keySize,
                CurveName = curveName,
                ContentType = contentType,
                // Switches whose vault default is not "off": sent only when given, so -Exportable:$false works.
                ReuseKey = bound.ContainsKey("ReuseKey") ? reuseKey : (bool?)null,
                Exportable = bound.ContainsKey("Exportable") ? exportable : (bool?)null,
                RenewAtPercentageLifetime = renewAtPercentageLifetime,
                RenewAtDaysBeforeExpiry = renewAtDaysBeforeExpiry,
                EmailAtPercentageLifetime = emailAtPercentageLifetime,
                EmailAtDaysBeforeExpiry = emailAtDaysBeforeExpiry,
                KeyUsage = keyUsage ?? Array.Empty<string>(),
                EnhancedKeyUsage = enhancedKeyUsage ?? Array.Empty<string>(),
            };
        }
    }
}
