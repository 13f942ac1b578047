using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Keys;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Certificates;

/// <summary>
/// Reading a policy from a request (create, import, PATCH /policy: properties that are present
/// replace the stored ones, section by section), the service's rules for it, and its JSON.
/// Messages are approximations of the service's BadParameter texts (codes and statuses are the
/// service's); the shape of the JSON is the recorded one.
/// </summary>
public static partial class CertificatePolicyRules
{
    public const string Pkcs12 = "application/x-pkcs12";
    public const string Pem = "application/x-pem-file";
    public const string SelfIssuer = "Self";
    public const string UnknownIssuer = "Unknown";

    public static readonly IReadOnlyList<int> RsaSizes = [2048, 3072, 4096];

    /// <summary>Key Vault curve name → (OID, key size in bits, signature hash).</summary>
    public static readonly IReadOnlyDictionary<string, (string Oid, int Size, HashAlgorithmName Hash)> Curves =
        new Dictionary<string, (string, int, HashAlgorithmName)>(StringComparer.Ordinal)
        {
            ["P-256"] = ("1.2.840.10045.3.1.7", 256, HashAlgorithmName.SHA256),
            ["P-384"] = ("1.3.132.0.34", 384, HashAlgorithmName.SHA384),
            ["P-521"] = ("1.3.132.0.35", 521, HashAlgorithmName.SHA512),
            ["P-256K"] = ("1.3.132.0.10", 256, HashAlgorithmName.SHA256),
        };

    /// <summary>The key usage names of the REST API, in the X.509 order, with their flags.</summary>
    public static readonly IReadOnlyDictionary<string, X509KeyUsageFlags> KeyUsages =
        new Dictionary<string, X509KeyUsageFlags>(StringComparer.Ordinal)
        {
            ["digitalSignature"] = X509KeyUsageFlags.DigitalSignature,
            ["nonRepudiation"] = X509KeyUsageFlags.NonRepudiation,
            ["keyEncipherment"] = X509KeyUsageFlags.KeyEncipherment,
            ["dataEncipherment"] = X509KeyUsageFlags.DataEncipherment,
            ["keyAgreement"] = X509KeyUsageFlags.KeyAgreement,
            ["keyCertSign"] = X509KeyUsageFlags.KeyCertSign,
            ["cRLSign"] = X509KeyUsageFlags.CrlSign,
            ["encipherOnly"] = X509KeyUsageFlags.EncipherOnly,
            ["decipherOnly"] = X509KeyUsageFlags.DecipherOnly,
        };

    public const int MaxValidityMonths = 1200;

    [GeneratedRegex(@"^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z")]
    private static partial Regex DnsNamePattern();

    [GeneratedRegex(@"^[0-2](\.(0|[1-9][0-9]*))+\z")]
    private static partial Regex OidPattern();

    // ------------------------------------------------------------------ reading

    /// <summary>
    /// <paramref name="current"/> with every property that <paramref name="node"/> (a policy in the
    /// REST shape) sets; null or absent properties keep the current value. Wrong JSON types are 400.
    /// </summary>
    public static CertificatePolicyDocument Apply(CertificatePolicyDocument current, JsonNode? node)
    {
        if (node is null)
        {
            return current;
        }
        var policy = node as JsonObject ?? throw Bad("'policy' must be an object.");
        var result = current;
        if (Section(policy, "key_props") is { } key)
        {
            result = result with
            {
                Kty = String(key, "kty") ?? result.Kty,
                KeySize = Int(key, "key_size") ?? result.KeySize,
                Crv = String(key, "crv") ?? result.Crv,
                Exportable = Bool(key, "exportable") ?? result.Exportable,
                ReuseKey = Bool(key, "reuse_key") ?? result.ReuseKey,
            };
            if (String(key, "kty") is not null && String(key, "crv") is null && Int(key, "key_size") is null)
            {
                // A new key type without a size or curve takes that type's default, not the old one's.
                result = result with { KeySize = null, Crv = null };
            }
        }
        if (Section(policy, "secret_props") is { } secret)
        {
            result = result with { ContentType = String(secret, "contentType") ?? result.ContentType };
        }
        if (Section(policy, "x509_props") is { } x509)
        {
            result = result with
            {
                Subject = String(x509, "subject") ?? result.Subject,
                Ekus = StringList(x509, "ekus") ?? result.Ekus,
                KeyUsage = StringList(x509, "key_usage") ?? result.KeyUsage,
                ValidityMonths = Int(x509, "validity_months") ?? result.ValidityMonths,
            };
            if (Section(x509, "sans") is { } sans)
            {
                result = result with
                {
                    DnsNames = StringList(sans, "dns_names") ?? [],
                    Emails = StringList(sans, "emails") ?? [],
                    Upns = StringList(sans, "upns") ?? [],
                };
            }
        }
        if (policy["lifetime_actions"] is { } actions)
        {
            result = result with { LifetimeActions = LifetimeActions(actions) };
        }
        if (Section(policy, "issuer") is { } issuer)
        {
            result = result with
            {
                IssuerName = String(issuer, "name") ?? result.IssuerName,
                CertificateType = String(issuer, "cty") ?? result.CertificateType,
                CertificateTransparency = Bool(issuer, "cert_transparency") ?? result.CertificateTransparency,
            };
        }
        if (Section(policy, "attributes") is { } attributes)
        {
            result = result with { Enabled = Bool(attributes, "enabled") ?? result.Enabled };
        }
        return result;
    }

    private static List<LifetimeActionDocument> LifetimeActions(JsonNode node)
    {
        if (node is not JsonArray array)
        {
            throw Bad("'lifetime_actions' must be an array.");
        }
        var list = new List<LifetimeActionDocument>();
        foreach (var item in array)
        {
            if (item is not JsonObject action || Section(action, "trigger") is not { } trigger || Section(action, "action") is not { } what)
            {
                throw Bad("Each lifetime action needs a 'trigger' object and an 'action' object.");
            }
            list.Add(new LifetimeActionDocument
            {
                LifetimePercentage = Int(trigger, "lifetime_percentage"),
                DaysBeforeExpiry = Int(trigger, "days_before_expiry"),
                ActionType = String(what, "action_type") ?? throw Bad("A lifetime action needs 'action_type' (AutoRenew or EmailContacts)."),
            });
        }
        return list;
    }

    // ------------------------------------------------------------------ rules

    /// <summary>
    /// Checks a policy and fills in what the service fills in (key size or curve, key usages, lifetime
    /// actions). <paramref name="forCreate"/>: not 'Unknown' (merge is not implemented); whether another issuer is registered is
    /// checked by the caller (CertificateService.Create, with the vault's issuers).
    /// </summary>
    public static CertificatePolicyDocument Validate(CertificatePolicyDocument p, VaultRecord vault, bool forCreate, bool isImport = false)
    {
        if (string.IsNullOrWhiteSpace(p.IssuerName))
        {
            throw Bad("The issuer name must not be empty.");
        }
        if (forCreate && string.Equals(p.IssuerName, UnknownIssuer, StringComparison.OrdinalIgnoreCase))
        {
            throw KeyVaultErrors.NotImplementedFeature(
                "certificates from the issuer 'Unknown' (they need the merge operation; use 'Self' or a registered issuer)").ToException();
        }

        var result = p with { IssuerName = string.Equals(p.IssuerName, SelfIssuer, StringComparison.OrdinalIgnoreCase) ? SelfIssuer : p.IssuerName };
        switch (p.Kty)
        {
            case "RSA" or "RSA-HSM":
                if (p.Crv is not null)
                {
                    throw Bad($"The curve '{p.Crv}' applies to EC keys only, not to {p.Kty}.");
                }
                var size = p.KeySize ?? 2048;
                if (!RsaSizes.Contains(size))
                {
                    throw Bad($"Unsupported key size ({size}). Supported sizes are [{string.Join(", ", RsaSizes)}].");
                }
                result = result with { KeySize = size };
                break;
            case "EC" or "EC-HSM":
                var crv = p.Crv ?? CurveForSize(p.KeySize);
                if (!Curves.TryGetValue(crv, out var curve))
                {
                    throw Bad($"Unsupported curve ({crv}). Supported curves are [{string.Join(", ", Curves.Keys)}].");
                }
                if (p.KeySize is { } bits && bits != curve.Size)
                {
                    throw Bad($"Unsupported key size ({bits}) for curve {crv}. Supported sizes are [256, 384, 521].");
                }
                result = result with { Crv = crv, KeySize = curve.Size };
                break;
            default:
                throw Bad($"Unsupported key type ({p.Kty}). Certificates use RSA, RSA-HSM, EC or EC-HSM keys.");
        }
        KeyRules.CheckHsmAllowed(vault, p.Kty.EndsWith("-HSM", StringComparison.Ordinal));

        if (p.ContentType is not (Pkcs12 or Pem))
        {
            throw Bad($"The content type '{p.ContentType}' is not supported; use {Pkcs12} or {Pem}.");
        }

        if (isImport)
        {
            // Subject, SANs and validity are the imported certificate's own: nothing to check.
        }
        else if (string.IsNullOrWhiteSpace(p.Subject) && p.DnsNames.Count + p.Emails.Count + p.Upns.Count == 0)
        {
            throw Bad("The policy needs a subject or at least one subject alternative name.");
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(p.Subject))
            {
                ParseSubject(p.Subject);
            }
            foreach (var dns in p.DnsNames)
            {
                if (dns.Length > 253 || !DnsNamePattern().IsMatch(dns))
                {
                    throw Bad($"The DNS name '{dns}' is not a valid host name.");
                }
            }
            foreach (var address in p.Emails.Concat(p.Upns))
            {
                if (address.IndexOf('@') is <= 0 || address.EndsWith('@'))
                {
                    throw Bad($"'{address}' is not a valid e-mail address or user principal name.");
                }
            }
            if (p.ValidityMonths is < 1 or > MaxValidityMonths)
            {
                throw Bad($"The validity ({p.ValidityMonths} months) must be from 1 to {MaxValidityMonths} months.");
            }
        }
        foreach (var usage in p.KeyUsage ?? [])
        {
            if (!KeyUsages.ContainsKey(usage))
            {
                throw Bad($"Unknown key usage '{usage}'. Valid key usages are {string.Join(", ", KeyUsages.Keys)}.");
            }
        }
        foreach (var eku in p.Ekus)
        {
            if (!OidPattern().IsMatch(eku))
            {
                throw Bad($"The enhanced key usage '{eku}' is not an object identifier (OID).");
            }
        }

        var actions = p.LifetimeActions ?? (isImport ? [] : [new LifetimeActionDocument { LifetimePercentage = 80, ActionType = "AutoRenew" }]);
        foreach (var action in actions)
        {
            if (action.ActionType is not ("AutoRenew" or "EmailContacts"))
            {
                throw Bad($"Unknown lifetime action type '{action.ActionType}'; use AutoRenew or EmailContacts.");
            }
            if ((action.LifetimePercentage is null) == (action.DaysBeforeExpiry is null))
            {
                throw Bad("A lifetime action's trigger has exactly one of lifetime_percentage and days_before_expiry.");
            }
            if (action.LifetimePercentage is { } percentage && percentage is < 1 or > 99)
            {
                throw Bad($"The lifetime percentage ({percentage}) must be from 1 to 99.");
            }
            if (action.DaysBeforeExpiry is { } days && (days < 1 || (!isImport && days > result.ValidityMonths * 27)))
            {
                throw Bad($"The days before expiry ({days}) must be from 1 to {result.ValidityMonths * 27} (validity in months x 27).");
            }
        }
        if (actions.GroupBy(a => a.ActionType).Any(g => g.Count() > 1))
        {
            throw Bad("A policy has at most one lifetime action of each type.");
        }

        var usages = p.KeyUsage ?? (result.IsRsa ? ["digitalSignature", "keyEncipherment"] : ["digitalSignature"]);
        return result with { KeyUsage = usages, LifetimeActions = actions };
    }

    public static X500DistinguishedName ParseSubject(string subject)
    {
        try
        {
            var parsed = new X500DistinguishedName(subject);
            if (parsed.RawData.Length <= 2 || !subject.Contains('='))
            {
                throw new CryptographicException();
            }
            return parsed;
        }
        catch (CryptographicException)
        {
            throw Bad($"The subject '{subject}' is not a valid X.500 distinguished name (for example CN=www.contoso.com).");
        }
    }

    private static string CurveForSize(int? size) => size switch
    {
        null or 256 => "P-256",
        384 => "P-384",
        521 => "P-521",
        _ => $"(key size {size})",
    };

    // ------------------------------------------------------------------ JSON

    /// <summary>The policy in the recorded shape and property order.</summary>
    public static JsonObject ToJson(DataPlaneContext dp, string name, CertificatePolicyDocument p)
    {
        var key = new JsonObject
        {
            ["exportable"] = p.Exportable,
            ["kty"] = p.Kty,
            ["key_size"] = p.KeySize,
            ["reuse_key"] = p.ReuseKey,
        };
        if (p.Crv is not null)
        {
            key["crv"] = p.Crv;
        }
        var x509 = new JsonObject();
        if (p.Subject is not null)
        {
            x509["subject"] = p.Subject;
        }
        if (p.DnsNames.Count + p.Emails.Count + p.Upns.Count > 0)
        {
            var sans = new JsonObject();
            if (p.DnsNames.Count > 0)
            {
                sans["dns_names"] = Array(p.DnsNames);
            }
            if (p.Emails.Count > 0)
            {
                sans["emails"] = Array(p.Emails);
            }
            if (p.Upns.Count > 0)
            {
                sans["upns"] = Array(p.Upns);
            }
            x509["sans"] = sans;
        }
        x509["ekus"] = Array(p.Ekus);
        x509["key_usage"] = Array(p.KeyUsage ?? []);
        x509["validity_months"] = p.ValidityMonths;
        x509["basic_constraints"] = new JsonObject { ["ca"] = false };

        var actions = new JsonArray();
        foreach (var action in p.LifetimeActions ?? [])
        {
            var trigger = new JsonObject();
            if (action.LifetimePercentage is { } percentage)
            {
                trigger["lifetime_percentage"] = percentage;
            }
            if (action.DaysBeforeExpiry is { } days)
            {
                trigger["days_before_expiry"] = days;
            }
            actions.Add(new JsonObject { ["trigger"] = trigger, ["action"] = new JsonObject { ["action_type"] = action.ActionType } });
        }
        var issuer = new JsonObject { ["name"] = p.IssuerName };
        if (p.CertificateType is not null)
        {
            issuer["cty"] = p.CertificateType;
        }
        if (p.CertificateTransparency is { } transparency)
        {
            issuer["cert_transparency"] = transparency;
        }
        return new JsonObject
        {
            ["id"] = $"{dp.BaseUri}/certificates/{name}/policy",
            ["key_props"] = key,
            ["secret_props"] = new JsonObject { ["contentType"] = p.ContentType },
            ["x509_props"] = x509,
            ["lifetime_actions"] = actions,
            ["issuer"] = issuer,
            ["attributes"] = new JsonObject { ["enabled"] = p.Enabled, ["created"] = p.Created, ["updated"] = p.Updated },
        };
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    // ------------------------------------------------------------------ JSON reading helpers (shared with the service)

    internal static KeyVaultErrorException Bad(string message) => KeyVaultErrors.BadParameter(message).ToException();

    internal static JsonObject? Section(JsonObject parent, string property) => parent[property] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Bad($"'{property}' must be an object."),
    };

    internal static string? String(JsonObject parent, string property) => parent[property] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => throw Bad($"'{property}' must be a string."),
    };

    internal static int? Int(JsonObject parent, string property) => parent[property] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var number) => number,
        JsonValue v when v.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw Bad($"'{property}' must be an integer."),
    };

    internal static bool? Bool(JsonObject parent, string property) => parent[property] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag,
        _ => throw Bad($"'{property}' must be a boolean."),
    };

    internal static List<string>? StringList(JsonObject parent, string property)
    {
        switch (parent[property])
        {
            case null:
                return null;
            case JsonArray array:
                var list = new List<string>();
                foreach (var item in array)
                {
                    list.Add(item is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw Bad($"'{property}' must be an array of strings."));
                }
                return list;
            default:
                throw Bad($"'{property}' must be an array of strings.");
        }
    }
}
