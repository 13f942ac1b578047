using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xunit;

namespace VaultTools.Emulator.Tests.Infrastructure;

/// <summary>
/// Raw HTTP to the keys API (no Key Vault keys SDK is available for .NET here): requests with the
/// pinned transport, responses parsed as JSON, and the public JSON web key turned into .NET's RSA or
/// ECDsa so that results are checked with an independent implementation.
/// </summary>
public sealed class KeyApi
{
    /// <summary>Sends an authorized request: (method, path and query, vault or null for localhost, JSON body).</summary>
    public delegate Task<HttpResponseMessage> Sender(HttpMethod method, string pathAndQuery, string? vault, string? jsonBody);

    private readonly Sender _send;
    private readonly string? _vault;
    private readonly string _apiVersion;

    public KeyApi(EmulatorFixture emulator, string? vault = null, string apiVersion = "2025-07-01")
        : this((m, p, v, b) => emulator.SendAsync(m, p, v, b), vault, apiVersion)
    {
    }

    public KeyApi(Sender send, string? vault = null, string apiVersion = "2025-07-01")
    {
        _send = send;
        _vault = vault;
        _apiVersion = apiVersion;
    }

    /// <summary>For an emulator started by a test itself (not the collection's fixture): the admin identity over the pinned transport.</summary>
    public static KeyApi For(EmulatorInfo info)
    {
        var ca = EmulatorTransport.LoadCa(info.CaCertificatePath);
        var http = EmulatorTransport.CreateHttpClient(ca);
        var admin = info.Identity("admin");
        var credential = new Azure.Identity.ClientSecretCredential(info.TenantId, admin.ClientId, admin.ClientSecret,
            new Azure.Identity.ClientSecretCredentialOptions
            {
                AuthorityHost = new Uri(info.AuthorityHost),
                DisableInstanceDiscovery = true,
                Transport = EmulatorTransport.CreateTransport(ca),
            });
        return new KeyApi(async (method, pathAndQuery, vault, body) =>
        {
            var baseUri = vault is null ? new Uri(info.VaultUri) : info.VaultUriFor(vault);
            using var request = new HttpRequestMessage(method, new Uri(baseUri, pathAndQuery));
            var token = await credential.GetTokenAsync(new Azure.Core.TokenRequestContext(["https://vault.azure.net/.default"]), default);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }
            return await http.SendAsync(request);
        });
    }

    public sealed record Response(HttpStatusCode Status, string Text)
    {
        public JsonObject Json => JsonNode.Parse(Text)!.AsObject();

        public Response Expect(HttpStatusCode status)
        {
            Assert.True(status == Status, $"Expected {(int)status}, got {(int)Status}: {Text}");
            return this;
        }

        public JsonObject Ok() => Expect(HttpStatusCode.OK).Json;

        /// <summary>Asserts the service's error shape and returns (code, message, inner code).</summary>
        public (string Code, string Message, string? Inner) Error(HttpStatusCode status)
        {
            Expect(status);
            var error = Json["error"]!.AsObject();
            return (error["code"]!.GetValue<string>(), error["message"]!.GetValue<string>(), error["innererror"]?["code"]?.GetValue<string>());
        }
    }

    public async Task<Response> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? query = null)
    {
        var separator = path.Contains('?') ? "&" : "?";
        using var response = await _send(method, $"{path}{separator}api-version={_apiVersion}{query}", _vault, body?.ToJsonString());
        return new Response(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<Response> Get(string path, string? query = null) => SendAsync(HttpMethod.Get, path, null, query);
    public Task<Response> Post(string path, JsonNode? body = null) => SendAsync(HttpMethod.Post, path, body ?? new JsonObject());
    public Task<Response> Put(string path, JsonNode body) => SendAsync(HttpMethod.Put, path, body);
    public Task<Response> Patch(string path, JsonNode body) => SendAsync(HttpMethod.Patch, path, body);
    public Task<Response> Delete(string path) => SendAsync(HttpMethod.Delete, path);

    public async Task<JsonObject> CreateAsync(string name, JsonObject body) => (await Post($"/keys/{name}/create", body)).Ok();

    public Task<JsonObject> CreateRsaAsync(string name, int? size = null) =>
        CreateAsync(name, size is null ? new JsonObject { ["kty"] = "RSA" } : new JsonObject { ["kty"] = "RSA", ["key_size"] = size });

    public Task<JsonObject> CreateEcAsync(string name, string? curve = null) =>
        CreateAsync(name, curve is null ? new JsonObject { ["kty"] = "EC" } : new JsonObject { ["kty"] = "EC", ["crv"] = curve });

    /// <summary>Posts an operation (encrypt, decrypt, wrapKey, unwrapKey, sign) and returns the result bytes.</summary>
    public async Task<byte[]> OperateAsync(string kid, string operation, string algorithm, byte[] value)
    {
        var result = (await Post(PathOf(kid) + "/" + operation, new JsonObject { ["alg"] = algorithm, ["value"] = B64(value) })).Ok();
        Assert.Equal(kid, result["kid"]!.GetValue<string>());
        return FromB64(result["value"]!.GetValue<string>());
    }

    public async Task<bool> VerifyAsync(string kid, string algorithm, byte[] digest, byte[] signature)
    {
        var result = (await Post(PathOf(kid) + "/verify", new JsonObject { ["alg"] = algorithm, ["digest"] = B64(digest), ["value"] = B64(signature) })).Ok();
        return result["value"]!.GetValue<bool>();
    }

    /// <summary>The path (/keys/name/version) of a kid.</summary>
    public static string PathOf(string kid) => new Uri(kid).AbsolutePath;

    public static string Kid(JsonObject bundle) => bundle["key"]!["kid"]!.GetValue<string>();

    public static string VersionOf(JsonObject bundle) => Kid(bundle).Split('/')[^1];

    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromB64(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }

    public static RSA PublicRsa(JsonObject bundle)
    {
        var jwk = bundle["key"]!;
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = FromB64(jwk["n"]!.GetValue<string>()), Exponent = FromB64(jwk["e"]!.GetValue<string>()) });
        return rsa;
    }

    public static ECDsa PublicEc(JsonObject bundle)
    {
        var jwk = bundle["key"]!;
        var curve = jwk["crv"]!.GetValue<string>() switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            "P-521" => ECCurve.NamedCurves.nistP521,
            "P-256K" => ECCurve.CreateFromValue("1.3.132.0.10"),
            var other => throw new ArgumentException(other),
        };
        return ECDsa.Create(new ECParameters
        {
            Curve = curve,
            Q = new ECPoint { X = FromB64(jwk["x"]!.GetValue<string>()), Y = FromB64(jwk["y"]!.GetValue<string>()) },
        });
    }

    /// <summary>A JWK with private parts, as a client would import it.</summary>
    public static JsonObject PrivateJwk(RSA rsa)
    {
        var p = rsa.ExportParameters(true);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!), ["d"] = B64(p.D!),
            ["p"] = B64(p.P!), ["q"] = B64(p.Q!), ["dp"] = B64(p.DP!), ["dq"] = B64(p.DQ!), ["qi"] = B64(p.InverseQ!),
        };
    }

    public static JsonObject PrivateJwk(ECDsa ec, string curve)
    {
        var p = ec.ExportParameters(true);
        return new JsonObject { ["kty"] = "EC", ["crv"] = curve, ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!), ["d"] = B64(p.D!) };
    }

    /// <summary>The names of an object's properties, in order.</summary>
    public static string[] Names(JsonNode? node) => node!.AsObject().Select(p => p.Key).ToArray();
}
