using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// The emulator's own root CA (ECDSA P-256, created once, kept as <c>ca.pem</c> + <c>ca.key.pem</c>
/// in the data folder) and the leaf certificates it issues on demand for each TLS host name (SNI).
/// Why per-name leaves: a <c>*.localhost</c> wildcard does not match <c>name.localhost</c> in .NET's
/// or curl's host-name checks, so each vault host gets a certificate whose SAN is exactly its name.
/// Clients trust this CA alone (never "accept any certificate"). Its dates use real time, not the emulator's
/// clock: clients check TLS certificates against their own clock.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    public const string CertificateFileName = "ca.pem";
    public const string KeyFileName = "ca.key.pem";
    private const int MaxCachedLeaves = 1000;

    private readonly X509Certificate2 _root;
    private readonly ECDsa _rootKey;
    private readonly ConcurrentDictionary<string, X509Certificate2> _leaves = new(StringComparer.OrdinalIgnoreCase);

    public string CertificatePath { get; }
    public X509Certificate2 Root => _root;

    private CertificateAuthority(X509Certificate2 root, ECDsa rootKey, string certificatePath)
    {
        _root = root;
        _rootKey = rootKey;
        CertificatePath = certificatePath;
    }

    public static CertificateAuthority LoadOrCreate(string dataPath)
    {
        var certPath = Path.Combine(dataPath, CertificateFileName);
        var keyPath = Path.Combine(dataPath, KeyFileName);
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            const string advice = "Restore ca.pem and ca.key.pem from a copy of the data folder, or delete both: the emulator makes a new CA, which clients must then trust.";
            var cert = DataFolderDamage.Load(dataPath, CertificateFileName, advice, () => X509Certificate2.CreateFromPem(File.ReadAllText(certPath)));
            var key = ECDsa.Create();
            DataFolderDamage.Load(dataPath, KeyFileName, advice, () => { key.ImportFromPem(File.ReadAllText(keyPath)); return key; });
            if (cert.NotAfter.ToUniversalTime() > DateTime.UtcNow.AddDays(30))
            {
                return new CertificateAuthority(cert, key, certPath);
            }
            key.Dispose(); // about to expire: make a new one (clients must re-read caCertificatePath)
        }

        var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(
            new X500DistinguishedName($"CN=VaultTools Emulator Root CA {Environment.MachineName}, O=VaultTools"),
            rootKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var root = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        DataFiles.WriteSecretFileAtomically(keyPath, rootKey.ExportPkcs8PrivateKeyPem());
        DataFiles.WriteAtomically(certPath, root.ExportCertificatePem() + "\n");
        return new CertificateAuthority(X509Certificate2.CreateFromPem(root.ExportCertificatePem()), rootKey, certPath);
    }

    /// <summary>
    /// The certificate to serve for a TLS host name (Kestrel's ServerCertificateSelector).
    /// <c>localhost</c> and <c>*.localhost</c> names get their own leaf; no SNI (or an IP address or
    /// any other name) gets the default leaf for <c>localhost</c> + 127.0.0.1.
    /// </summary>
    public X509Certificate2 GetServerCertificate(string? hostName)
    {
        var name = NormalizeHostName(hostName);
        if (_leaves.TryGetValue(name, out var cached))
        {
            return cached;
        }
        if (_leaves.Count >= MaxCachedLeaves)
        {
            _leaves.Clear(); // bounded: SNI names come from clients (old certificates stay valid until collected)
        }
        return _leaves.GetOrAdd(name, Issue);
    }

    private static string NormalizeHostName(string? hostName)
    {
        if (string.IsNullOrWhiteSpace(hostName))
        {
            return "localhost";
        }
        var name = hostName.Trim().TrimEnd('.').ToLowerInvariant();
        var isLocal = name == "localhost" || (name.EndsWith(".localhost", StringComparison.Ordinal) && name.Length <= 253
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'));
        return isLocal ? name : "localhost";
    }

    private X509Certificate2 Issue(string hostName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={hostName}"), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(hostName);
        if (hostName == "localhost")
        {
            san.AddIpAddress(IPAddress.Loopback);
        }
        request.CertificateExtensions.Add(san.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, true, false));

        var now = DateTimeOffset.UtcNow;
        var notAfter = now.AddDays(397);
        if (notAfter > _root.NotAfter.ToUniversalTime())
        {
            notAfter = _root.NotAfter.ToUniversalTime();
        }
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(_root.SubjectName, X509SignatureGenerator.CreateForECDsa(_rootKey), now.AddDays(-1), notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // SslStream on Linux needs a key it can use from a PFX-backed certificate, not the ephemeral
        // key object: export and re-import.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>
    /// Signs a certificate request as the CA of an issuer-backed certificate (DigiCert, GlobalSign... in the
    /// service; here the emulator's root plays every provider). Validity is cut to the root's.
    /// </summary>
    public X509Certificate2 Sign(CertificateRequest request, DateTimeOffset notBefore, DateTimeOffset notAfter, byte[] serial)
    {
        var rootEnd = new DateTimeOffset(_root.NotAfter.ToUniversalTime());
        return request.Create(_root.SubjectName, X509SignatureGenerator.CreateForECDsa(_rootKey), notBefore, notAfter > rootEnd ? rootEnd : notAfter, serial);
    }

    public void Dispose()
    {
        foreach (var leaf in _leaves.Values)
        {
            leaf.Dispose();
        }
        _rootKey.Dispose();
        _root.Dispose();
    }
}
