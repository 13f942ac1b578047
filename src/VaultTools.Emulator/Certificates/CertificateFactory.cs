using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Certificates;

/// <summary>
/// The X.509 side of certificates, with .NET's own classes: key pairs, self-signed certificates made
/// with <see cref="CertificateRequest"/> and signed by their own key (subject, SANs, key usages,
/// EKUs, validity from the policy; basic constraints CA:false and key identifiers, as the service's
/// self-signed certificates have), the PKCS#10 request the pending operation shows, reading PFX and PEM
/// for import, and writing the backing secret's PFX or PEM.
/// </summary>
public static class CertificateFactory
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const string UpnOid = "1.3.6.1.4.1.311.20.2.3";

    /// <summary>The service backdates new certificates by 10 minutes (recorded: nbf = created - 600 s).</summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromMinutes(10);

    // ------------------------------------------------------------------ key pairs

    public static AsymmetricAlgorithm NewKey(CertificatePolicyDocument policy) =>
        policy.IsRsa
            ? RSA.Create(policy.KeySize!.Value)
            : ECDsa.Create(ECCurve.CreateFromValue(CertificatePolicyRules.Curves[policy.Crv!].Oid));

    /// <summary>A key pair from PKCS#8 (for reuse_key), of the policy's type.</summary>
    public static AsymmetricAlgorithm KeyFromPkcs8(byte[] pkcs8, bool isRsa)
    {
        AsymmetricAlgorithm key = isRsa ? RSA.Create() : ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }

    public static byte[] Pkcs8(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => rsa.ExportPkcs8PrivateKey(),
        ECDsa ec => ec.ExportPkcs8PrivateKey(),
        _ => throw new NotSupportedException(key.GetType().Name),
    };

    /// <summary>Whether a key still satisfies the policy's key type, size and curve (else reuse_key cannot reuse it).</summary>
    public static bool Matches(AsymmetricAlgorithm key, CertificatePolicyDocument policy) => key switch
    {
        RSA rsa => policy.IsRsa && rsa.KeySize == policy.KeySize,
        ECDsa ec => !policy.IsRsa && CurveName(ec) == policy.Crv,
        _ => false,
    };

    // ------------------------------------------------------------------ self-signed certificates

    /// <summary>A self-signed certificate for <paramref name="policy"/> with <paramref name="key"/>, and its PKCS#10 request.</summary>
    public static (X509Certificate2 Certificate, byte[] Csr) IssueSelfSigned(CertificatePolicyDocument policy, AsymmetricAlgorithm key, DateTimeOffset now) =>
        Issue(policy, key, now, null);

    /// <summary>Self-signed when <paramref name="ca"/> is null; otherwise signed by the emulator's CA (a policy naming a registered issuer).</summary>
    public static (X509Certificate2 Certificate, byte[] Csr) Issue(CertificatePolicyDocument policy, AsymmetricAlgorithm key, DateTimeOffset now, CertificateAuthority? ca)
    {
        var subject = string.IsNullOrWhiteSpace(policy.Subject) ? new X500DistinguishedName("") : CertificatePolicyRules.ParseSubject(policy.Subject);
        var request = key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(subject, ec, CertificatePolicyRules.Curves[policy.Crv!].Hash),
            _ => throw new NotSupportedException(key.GetType().Name),
        };

        var usage = (policy.KeyUsage ?? []).Aggregate(X509KeyUsageFlags.None, (all, name) => all | CertificatePolicyRules.KeyUsages[name]);
        if (usage != X509KeyUsageFlags.None)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        }
        if (policy.Ekus.Count > 0)
        {
            var oids = new OidCollection();
            foreach (var eku in policy.Ekus)
            {
                oids.Add(new Oid(eku));
            }
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, critical: false));
        }
        if (policy.DnsNames.Count + policy.Emails.Count + policy.Upns.Count > 0)
        {
            var sans = new SubjectAlternativeNameBuilder();
            policy.DnsNames.ForEach(d => sans.AddDnsName(d));
            policy.Emails.ForEach(sans.AddEmailAddress);
            policy.Upns.ForEach(sans.AddUserPrincipalName);
            // Critical when the subject is empty (RFC 5280 4.2.1.6).
            request.CertificateExtensions.Add(sans.Build(critical: string.IsNullOrWhiteSpace(policy.Subject)));
        }
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        var ski = new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false);
        request.CertificateExtensions.Add(ca is null
            ? X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski)
            : X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca.Root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        request.CertificateExtensions.Add(ski);

        var csr = request.CreateSigningRequest();
        var notBefore = now - Backdate;
        var notAfter = now.AddMonths(policy.ValidityMonths);
        var generator = key switch
        {
            RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            _ => X509SignatureGenerator.CreateForECDsa((ECDsa)key),
        };
        using var unsigned = ca is null
            ? request.Create(subject, generator, notBefore, notAfter, SerialNumber())
            : ca.Sign(request, notBefore, notAfter, SerialNumber());
        var certificate = key switch
        {
            RSA rsa => unsigned.CopyWithPrivateKey(rsa),
            _ => unsigned.CopyWithPrivateKey((ECDsa)key),
        };
        return (certificate, csr);
    }

    /// <summary>16 random bytes, positive, as the service's serial numbers are.</summary>
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    // ------------------------------------------------------------------ import

    /// <summary>A certificate read from an import request: the one with the private key, its key, and the other certificates (chain).</summary>
    public sealed record ImportedCertificate(X509Certificate2 Leaf, AsymmetricAlgorithm Key, IReadOnlyList<X509Certificate2> Chain);

    /// <summary>
    /// Reads the import <c>value</c>: base64 PKCS#12 (with <paramref name="password"/>) for
    /// application/x-pkcs12, or PEM text (certificates and a private key, PKCS#8, PKCS#1, SEC1, or
    /// encrypted PKCS#8 with <paramref name="password"/>) for application/x-pem-file. Unreadable content
    /// and content without exactly one certificate with its private key are the service's 400s.
    /// </summary>
    public static ImportedCertificate ReadImport(string value, string? password, bool pem) =>
        pem ? ReadPem(value, password) : ReadPkcs12(value, password);

    private static ImportedCertificate ReadPkcs12(string value, string? password)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value.Trim());
        }
        catch (FormatException)
        {
            throw KeyVaultErrors.CertificateContentUnreadable(pem: false).ToException();
        }
        X509Certificate2Collection collection;
        try
        {
            collection = X509CertificateLoader.LoadPkcs12Collection(bytes, password,
                X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            throw KeyVaultErrors.CertificateContentUnreadable(pem: false).ToException();
        }
        var withKey = collection.Where(c => c.HasPrivateKey).ToList();
        if (withKey.Count != 1)
        {
            throw KeyVaultErrors.CertificateWithoutPrivateKey().ToException();
        }
        var leaf = withKey[0];
        AsymmetricAlgorithm key = (AsymmetricAlgorithm?)leaf.GetRSAPrivateKey() ?? leaf.GetECDsaPrivateKey()
            ?? throw KeyVaultErrors.BadParameter("The certificate's key is neither RSA nor EC; Key Vault certificates use RSA or EC keys.").ToException();
        // Detach the key from the PKCS#12 store so that it can be exported on every platform.
        var detached = key is RSA ? (AsymmetricAlgorithm)RSA.Create() : ECDsa.Create();
        detached.ImportPkcs8PrivateKey(ExportPkcs8(key), out _);
        return new ImportedCertificate(leaf, detached, collection.Where(c => !ReferenceEquals(c, leaf)).ToList());
    }

    private static byte[] ExportPkcs8(AsymmetricAlgorithm key)
    {
        try
        {
            return Pkcs8(key);
        }
        catch (CryptographicException)
        {
            // Keys marked non-exportable by the platform: export encrypted, then decrypt.
            var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1);
            var encrypted = key.ExportEncryptedPkcs8PrivateKey("x", pbe);
            var copy = key is RSA ? (AsymmetricAlgorithm)RSA.Create() : ECDsa.Create();
            copy.ImportEncryptedPkcs8PrivateKey("x", encrypted, out _);
            return Pkcs8(copy);
        }
    }

    private static ImportedCertificate ReadPem(string text, string? password)
    {
        var certificates = new List<X509Certificate2>();
        string? keyPem = null;
        var encryptedKey = false;
        try
        {
            var rest = text.AsSpan();
            while (PemEncoding.TryFind(rest, out var fields))
            {
                var label = rest[fields.Label].ToString();
                var block = rest[fields.Location].ToString();
                switch (label)
                {
                    case "CERTIFICATE":
                        certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString())));
                        break;
                    case "PRIVATE KEY" or "RSA PRIVATE KEY" or "EC PRIVATE KEY" or "ENCRYPTED PRIVATE KEY":
                        if (keyPem is not null)
                        {
                            throw KeyVaultErrors.CertificateWithoutPrivateKey().ToException();
                        }
                        keyPem = block;
                        encryptedKey = label == "ENCRYPTED PRIVATE KEY";
                        break;
                }
                rest = rest[fields.Location.End.Value..];
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw KeyVaultErrors.CertificateContentUnreadable(pem: true).ToException();
        }
        if (certificates.Count == 0)
        {
            throw KeyVaultErrors.CertificateContentUnreadable(pem: true).ToException();
        }
        if (keyPem is null)
        {
            throw KeyVaultErrors.CertificateWithoutPrivateKey().ToException();
        }

        foreach (var candidate in certificates)
        {
            AsymmetricAlgorithm key;
            switch (candidate.PublicKey.Oid.Value)
            {
                case RsaOid:
                    key = RSA.Create();
                    break;
                case EcOid:
                    key = ECDsa.Create();
                    break;
                default:
                    continue;
            }
            try
            {
                if (encryptedKey)
                {
                    key.ImportFromEncryptedPem(keyPem, password ?? "");
                }
                else
                {
                    key.ImportFromPem(keyPem);
                }
                var leaf = key is RSA rsa ? candidate.CopyWithPrivateKey(rsa) : candidate.CopyWithPrivateKey((ECDsa)key);
                return new ImportedCertificate(leaf, key, certificates.Where(c => !ReferenceEquals(c, candidate)).ToList());
            }
            catch (CryptographicException) when (encryptedKey)
            {
                throw KeyVaultErrors.CertificateContentUnreadable(pem: true).ToException();
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                key.Dispose(); // not this certificate's key (or not a key of its type)
            }
        }
        throw KeyVaultErrors.CertificateWithoutPrivateKey().ToException();
    }

    /// <summary>The policy the service reports for an imported certificate: what the certificate says, plus the request's key and secret settings.</summary>
    public static CertificatePolicyDocument PolicyFromCertificate(X509Certificate2 certificate, AsymmetricAlgorithm key, CertificatePolicyDocument requested)
    {
        var (dns, emails, upns) = SubjectAlternativeNames(certificate);
        var ekus = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault()?.EnhancedKeyUsages
            .Cast<Oid>().Select(o => o.Value!).ToList() ?? [];
        var flags = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault()?.KeyUsages ?? X509KeyUsageFlags.None;
        var usages = CertificatePolicyRules.KeyUsages.Where(u => flags.HasFlag(u.Value) && u.Value != X509KeyUsageFlags.None).Select(u => u.Key).ToList();
        var isRsa = key is RSA;
        return requested with
        {
            Kty = isRsa ? (requested.Kty == "RSA-HSM" ? "RSA-HSM" : "RSA") : (requested.Kty == "EC-HSM" ? "EC-HSM" : "EC"),
            KeySize = isRsa ? key.KeySize : null,
            Crv = isRsa ? null : CurveName((ECDsa)key),
            Subject = certificate.SubjectName.Name,
            DnsNames = dns,
            Emails = emails,
            Upns = upns,
            Ekus = ekus,
            KeyUsage = usages,
            ValidityMonths = ValidityMonths(certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime()),
        };
    }

    /// <summary>Whole months from notBefore to notAfter, rounded up (recorded: 12 months and 10 minutes → 13).</summary>
    public static int ValidityMonths(DateTime notBefore, DateTime notAfter)
    {
        var months = (notAfter.Year - notBefore.Year) * 12 + notAfter.Month - notBefore.Month;
        if (notBefore.AddMonths(months) < notAfter)
        {
            months++;
        }
        return Math.Max(1, months);
    }

    /// <summary>DNS names, e-mail addresses and user principal names of the SAN extension.</summary>
    public static (List<string> Dns, List<string> Emails, List<string> Upns) SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var dns = new List<string>();
        var emails = new List<string>();
        var upns = new List<string>();
        var extension = certificate.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == "2.5.29.17");
        if (extension is null)
        {
            return (dns, emails, upns);
        }
        try
        {
            var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific)
                {
                    names.ReadEncodedValue();
                    continue;
                }
                switch (tag.TagValue)
                {
                    case 0: // otherName: type-id, [0] EXPLICIT value
                        var other = names.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
                        var typeId = other.ReadObjectIdentifier();
                        var explicitValue = other.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
                        if (typeId == UpnOid)
                        {
                            upns.Add(explicitValue.ReadCharacterString(UniversalTagNumber.UTF8String));
                        }
                        break;
                    case 1:
                        emails.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 1)));
                        break;
                    case 2:
                        dns.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 2)));
                        break;
                    default:
                        names.ReadEncodedValue();
                        break;
                }
            }
        }
        catch (AsnContentException)
        {
            // An unusual SAN encoding: keep what was read.
        }
        return (dns, emails, upns);
    }

    public static string CurveName(ECDsa ec)
    {
        var oid = ec.ExportParameters(false).Curve.Oid;
        var value = oid.Value;
        if (value is null && oid.FriendlyName is { } friendly)
        {
            value = friendly switch
            {
                "nistP256" or "ECDSA_P256" or "secp256r1" => "1.2.840.10045.3.1.7",
                "nistP384" or "ECDSA_P384" or "secp384r1" => "1.3.132.0.34",
                "nistP521" or "ECDSA_P521" or "secp521r1" => "1.3.132.0.35",
                "secp256k1" => "1.3.132.0.10",
                _ => null,
            };
        }
        return CertificatePolicyRules.Curves.FirstOrDefault(c => c.Value.Oid == value).Key
            ?? throw KeyVaultErrors.BadParameter($"Unsupported curve ({oid.FriendlyName ?? value}). Supported curves are [{string.Join(", ", CertificatePolicyRules.Curves.Keys)}].").ToException();
    }

    // ------------------------------------------------------------------ the backing key and secret

    /// <summary>
    /// The key operations of a certificate's backing key, from its key usages (the emulator's mapping):
    /// digitalSignature/nonRepudiation → sign, verify; keyEncipherment → wrapKey, unwrapKey, encrypt,
    /// decrypt; dataEncipherment → encrypt, decrypt. EC keys only sign and verify.
    /// </summary>
    public static List<string> KeyOperations(bool isRsa, IEnumerable<string> keyUsages)
    {
        var usages = keyUsages.ToHashSet(StringComparer.Ordinal);
        var ops = new List<string>();
        if (usages.Contains("digitalSignature") || usages.Contains("nonRepudiation") || !isRsa)
        {
            ops.AddRange(["sign", "verify"]);
        }
        if (isRsa && usages.Contains("keyEncipherment"))
        {
            ops.AddRange(["wrapKey", "unwrapKey"]);
        }
        if (isRsa && (usages.Contains("keyEncipherment") || usages.Contains("dataEncipherment")))
        {
            ops.AddRange(["encrypt", "decrypt"]);
        }
        return ops.Count > 0 ? ops : ["sign", "verify", "wrapKey", "unwrapKey", "encrypt", "decrypt"];
    }

    /// <summary>The public parameters of a key in JSON web key form (base64url).</summary>
    public static (string? N, string? E, string? Crv, string? X, string? Y) PublicParameters(AsymmetricAlgorithm key)
    {
        switch (key)
        {
            case RSA rsa:
                var r = rsa.ExportParameters(false);
                return (Base64UrlEncoder.Encode(r.Modulus), Base64UrlEncoder.Encode(r.Exponent), null, null, null);
            case ECDsa ec:
                var p = ec.ExportParameters(false);
                return (null, null, CurveName(ec), Base64UrlEncoder.Encode(p.Q.X), Base64UrlEncoder.Encode(p.Q.Y));
            default:
                throw new NotSupportedException(key.GetType().Name);
        }
    }

    /// <summary>
    /// The backing secret's value: a PFX without password, base64 (application/x-pkcs12), or PEM with
    /// the PKCS#8 private key first and then the certificates (application/x-pem-file), as recorded.
    /// Without <paramref name="exportable"/> the private key is left out.
    /// </summary>
    public static string SecretValue(X509Certificate2 leafWithKey, IReadOnlyList<X509Certificate2> chain, string contentType, bool exportable)
    {
        if (contentType == CertificatePolicyRules.Pem)
        {
            var pem = new StringBuilder();
            if (exportable)
            {
                AsymmetricAlgorithm key = (AsymmetricAlgorithm?)leafWithKey.GetRSAPrivateKey() ?? leafWithKey.GetECDsaPrivateKey()!;
                pem.Append(PemEncoding.WriteString("PRIVATE KEY", ExportPkcs8(key))).Append('\n');
            }
            foreach (var certificate in chain.Prepend(leafWithKey))
            {
                pem.Append(PemEncoding.WriteString("CERTIFICATE", certificate.RawData)).Append('\n');
            }
            return pem.ToString();
        }
        var collection = new X509Certificate2Collection
        {
            exportable ? leafWithKey : X509CertificateLoader.LoadCertificate(leafWithKey.RawData),
        };
        collection.AddRange(chain.ToArray());
        return Convert.ToBase64String(collection.Export(X509ContentType.Pkcs12)!);
    }

    /// <summary>The bundle's <c>x5t</c>: the SHA-1 thumbprint, base64url.</summary>
    // SHA-1 is what x5t is defined as (RFC 7515 4.1.7), an identifier, not a security check.
#pragma warning disable CA5350
    public static string X5t(byte[] der) => Base64UrlEncoder.Encode(SHA1.HashData(der));
#pragma warning restore CA5350
}
