using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VaultTools.Emulator.Hosting;

/// <summary>Success bodies the way the service sends them: <c>application/json; charset=utf-8</c>, '+' and quotes unescaped.</summary>
public static class JsonResults
{
    public static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonNode body) => body.ToJsonString(Wire);

    public static IResult Ok(JsonNode body) =>
        Results.Content(Serialize(body), "application/json; charset=utf-8", null, StatusCodes.Status200OK);
}
