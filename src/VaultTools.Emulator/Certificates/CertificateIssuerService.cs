using System.Text.Json.Nodes;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Secrets;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Certificates;

/// <summary>
/// Certificate issuers (<c>/certificates/issuers</c>) and contacts (<c>/certificates/contacts</c>), per-vault
/// settings with the service's bodies (IssuerBundle, CertificateIssuerItem, Contacts). An issuer's provider
/// may be any name (DigiCert, GlobalSign, an internal CA): the emulator plays every CA with its own root
/// (<see cref="CertificateAuthority"/>), so it keeps no CA password (the <c>pwd</c> sent is dropped; the
/// service never returns it either).
/// </summary>
public sealed class CertificateIssuerService(EmulatorDatabase database, TimeProvider time)
{
    // Not "certificate.xxx": StorageSession.Purge removes a certificate's "certificate.*" settings of the same name.
    private const string IssuerKind = "certificateissuer";
    private const string ContactsKind = "certificatecontacts";
    private const string ContactsName = "contacts";

    /// <summary>The provider whose issuers need an organization id (reported service text).</summary>
    private const string DigiCert = "DigiCert";

    // ------------------------------------------------------------------ issuers

    public JsonObject List(DataPlaneContext dp, PageRequest page)
    {
        var all = database.Read(s => s.ListSettings(dp.Vault.Name, IssuerKind));
        var items = all.Where(x => page.After is null || string.CompareOrdinal(x.Name, page.After) > 0).Take(page.MaxResults + 1).ToList();
        var more = items.Count > page.MaxResults;
        var shown = items.Take(page.MaxResults).Select(x =>
        {
            var doc = JsonNode.Parse(x.Document)!.AsObject();
            return (JsonNode)new JsonObject { ["id"] = IssuerId(dp, doc), ["provider"] = doc["provider"]!.DeepClone() };
        }).ToList();
        return page.ToListBody(shown, more ? items[page.MaxResults - 1].Name : null, dp.BaseUri, "/certificates/issuers", dp.ApiVersion);
    }

    public JsonObject Get(DataPlaneContext dp, string name) => Bundle(dp, Read(dp.Vault.Name, name) ?? throw KeyVaultErrors.IssuerNotFound(name).ToException());

    /// <summary>PUT: creates or replaces the issuer.</summary>
    public JsonObject Set(DataPlaneContext dp, string name, JsonObject body)
    {
        SecretRules.ValidateName(name);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var existing = Read(dp.Vault.Name, name);
        var doc = new JsonObject
        {
            ["name"] = existing?["name"]?.GetValue<string>() ?? name,
            ["provider"] = Provider(body) ?? throw Bad("The issuer's 'provider' is required."),
        };
        ApplyOptional(doc, body);
        doc["enabled"] = Enabled(body) ?? true;
        doc["created"] = existing?["created"]?.GetValue<long>() ?? now;
        doc["updated"] = now;
        return Write(dp, name, Check(doc));
    }

    /// <summary>PATCH: changes what the body gives.</summary>
    public JsonObject Update(DataPlaneContext dp, string name, JsonObject body)
    {
        var doc = Read(dp.Vault.Name, name) ?? throw KeyVaultErrors.IssuerNotFound(name).ToException();
        if (Provider(body) is { } provider)
        {
            doc["provider"] = provider;
        }
        ApplyOptional(doc, body);
        if (Enabled(body) is { } enabled)
        {
            doc["enabled"] = enabled;
        }
        doc["updated"] = time.GetUtcNow().ToUnixTimeSeconds();
        return Write(dp, name, Check(doc));
    }

    public JsonObject Delete(DataPlaneContext dp, string name)
    {
        var doc = Read(dp.Vault.Name, name) ?? throw KeyVaultErrors.IssuerNotFound(name).ToException();
        database.Write(s => s.SetSetting(dp.Vault.Name, IssuerKind, Key(name), null));
        return Bundle(dp, doc);
    }

    /// <summary>
    /// What creating a certificate from <paramref name="issuerName"/> needs: the issuer registered in the vault
    /// and enabled. Throws the service's error otherwise.
    /// </summary>
    public void CheckUsable(string vault, string issuerName)
    {
        var doc = Read(vault, issuerName)
            ?? throw KeyVaultErrors.BadParameter(
                $"Issuer '{issuerName}' is not registered in this vault. Register it (SetCertificateIssuer) first, or use the issuer 'Self'.").ToException();
        if (doc["enabled"]?.GetValue<bool>() == false)
        {
            throw KeyVaultErrors.BadParameter($"Issuer '{issuerName}' is disabled.").ToException();
        }
    }

    // ------------------------------------------------------------------ contacts

    public JsonObject GetContacts(DataPlaneContext dp) =>
        ContactsBody(dp, database.Read(s => s.GetSetting(dp.Vault.Name, ContactsKind, ContactsName)) ?? throw KeyVaultErrors.ContactsNotFound().ToException());

    public JsonObject SetContacts(DataPlaneContext dp, JsonObject body)
    {
        if (body["contacts"] is not JsonArray contacts)
        {
            throw Bad("The request needs 'contacts', an array of {\"email\",\"name\",\"phone\"}.");
        }
        var stored = new JsonArray();
        foreach (var node in contacts)
        {
            if (node is not JsonObject contact)
            {
                throw Bad("Each contact must be an object with 'email' (and optionally 'name' and 'phone').");
            }
            var email = String(contact, "email");
            if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@'))
            {
                throw Bad($"Invalid contact email address: '{email}'.");
            }
            var entry = new JsonObject { ["email"] = email };
            if (String(contact, "name") is { } n)
            {
                entry["name"] = n;
            }
            if (String(contact, "phone") is { } phone)
            {
                entry["phone"] = phone;
            }
            stored.Add(entry);
        }
        var json = stored.ToJsonString();
        database.Write(s => s.SetSetting(dp.Vault.Name, ContactsKind, ContactsName, json));
        return ContactsBody(dp, json);
    }

    public JsonObject DeleteContacts(DataPlaneContext dp) => database.Write(s =>
    {
        var json = s.GetSetting(dp.Vault.Name, ContactsKind, ContactsName) ?? throw KeyVaultErrors.ContactsNotFound().ToException();
        s.SetSetting(dp.Vault.Name, ContactsKind, ContactsName, null);
        return ContactsBody(dp, json);
    });

    // ------------------------------------------------------------------ bodies

    private static JsonObject ContactsBody(DataPlaneContext dp, string contactsJson) => new()
    {
        ["id"] = $"{dp.BaseUri}/certificates/contacts",
        ["contacts"] = JsonNode.Parse(contactsJson),
    };

    private static string IssuerId(DataPlaneContext dp, JsonObject doc) => $"{dp.BaseUri}/certificates/issuers/{doc["name"]!.GetValue<string>()}";

    /// <summary>The IssuerBundle as recorded: id, provider, credentials (account_id only), org_details (with zip 0), attributes.</summary>
    private static JsonObject Bundle(DataPlaneContext dp, JsonObject doc)
    {
        var body = new JsonObject { ["id"] = IssuerId(dp, doc), ["provider"] = doc["provider"]!.DeepClone() };
        if (doc["accountId"] is { } account)
        {
            body["credentials"] = new JsonObject { ["account_id"] = account.DeepClone() };
        }
        var org = new JsonObject();
        if (doc["orgId"] is { } orgId)
        {
            org["id"] = orgId.DeepClone();
        }
        org["zip"] = 0;
        if (doc["adminDetails"] is JsonArray admins)
        {
            org["admin_details"] = admins.DeepClone();
        }
        body["org_details"] = org;
        body["attributes"] = new JsonObject
        {
            ["enabled"] = doc["enabled"]!.DeepClone(),
            ["created"] = doc["created"]!.DeepClone(),
            ["updated"] = doc["updated"]!.DeepClone(),
        };
        return body;
    }

    private static JsonObject Check(JsonObject doc)
    {
        if (string.Equals(doc["provider"]!.GetValue<string>(), DigiCert, StringComparison.OrdinalIgnoreCase) && doc["orgId"] is null)
        {
            throw Bad("Id in organization details is not set"); // reported service text for DigiCert without org_details.id
        }
        return doc;
    }

    private static void ApplyOptional(JsonObject doc, JsonObject body)
    {
        if (body["credentials"] is { } credentialsNode)
        {
            var credentials = credentialsNode as JsonObject ?? throw Bad("'credentials' must be an object with 'account_id' and 'pwd'.");
            if (String(credentials, "account_id") is { } account)
            {
                doc["accountId"] = account;
            }
        }
        if (body["org_details"] is { } orgNode)
        {
            var org = orgNode as JsonObject ?? throw Bad("'org_details' must be an object with 'id' and 'admin_details'.");
            if (String(org, "id") is { } id)
            {
                doc["orgId"] = id;
            }
            if (org["admin_details"] is { } adminsNode)
            {
                var admins = adminsNode as JsonArray ?? throw Bad("'admin_details' must be an array.");
                var list = new JsonArray();
                foreach (var admin in admins)
                {
                    var a = admin as JsonObject ?? throw Bad("Each of 'admin_details' must be an object (first_name, last_name, email, phone).");
                    var entry = new JsonObject();
                    foreach (var field in new[] { "first_name", "last_name", "email", "phone" })
                    {
                        if (String(a, field) is { } value)
                        {
                            entry[field] = value;
                        }
                    }
                    if (entry["email"] is null)
                    {
                        throw Bad("An administrator in 'admin_details' needs an 'email'.");
                    }
                    list.Add(entry);
                }
                doc["adminDetails"] = list;
            }
        }
    }

    private JsonObject? Read(string vault, string name) =>
        database.Read(s => s.GetSetting(vault, IssuerKind, Key(name))) is { } json ? JsonNode.Parse(json)!.AsObject() : null;

    private JsonObject Write(DataPlaneContext dp, string name, JsonObject doc)
    {
        var json = doc.ToJsonString();
        database.Write(s => s.SetSetting(dp.Vault.Name, IssuerKind, Key(name), json));
        return Bundle(dp, doc);
    }

    /// <summary>Issuer names compare ignoring case, as entry names do.</summary>
    private static string Key(string name) => name.ToLowerInvariant();

    private static string? Provider(JsonObject body)
    {
        var provider = String(body, "provider");
        return string.IsNullOrWhiteSpace(provider) ? null : provider;
    }

    private static bool? Enabled(JsonObject body)
    {
        if (body["attributes"] is null)
        {
            return null;
        }
        var attributes = body["attributes"] as JsonObject ?? throw Bad("'attributes' must be an object.");
        try
        {
            return attributes["enabled"]?.GetValue<bool>();
        }
        catch (InvalidOperationException)
        {
            throw Bad("'attributes.enabled' must be true or false.");
        }
    }

    private static string? String(JsonObject o, string property)
    {
        try
        {
            return o[property]?.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            throw Bad($"'{property}' must be a string.");
        }
    }

    private static KeyVaultErrorException Bad(string message) => KeyVaultErrors.BadParameter(message).ToException();
}
