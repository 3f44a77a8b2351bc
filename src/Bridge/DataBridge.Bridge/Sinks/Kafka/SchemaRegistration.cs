using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataBridge.Bridge.Sinks.Kafka;

/// <summary>
/// Registers the sink's schemas with a Confluent Schema Registry (REST: <c>POST /subjects/{subject}/versions</c>),
/// subject <c>&lt;topic&gt;-value</c> (TopicNameStrategy). Registering an identical schema again returns its existing id.
/// </summary>
internal static class SchemaRegistration
{
    private const string ContentType = "application/vnd.schemaregistry.v1+json";

    public static async Task<int> RegisterAsync(HttpClient http, KafkaSinkOptions options, string topic, string schemaJson, CancellationToken ct)
    {
        var subject = topic + "-value";
        var body = new JsonObject { ["schema"] = schemaJson }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.SchemaRegistryUrl!.TrimEnd('/') + "/"), $"subjects/{Uri.EscapeDataString(subject)}/versions"))
        {
            Content = new StringContent(body, Encoding.UTF8, ContentType),
        };
        if (options.SchemaRegistryBasicAuth is { } userInfo)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)));
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new SinkException($"Schema registry {options.SchemaRegistryUrl} is unreachable ({e.Message}): check SchemaRegistryUrl and the network, or remove it to write plain Avro.", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var hint = (int)response.StatusCode switch
                {
                    401 or 403 => "check SchemaRegistryBasicAuth and the principal's rights on the subject",
                    409 => "the schema is incompatible with the subject's latest version: follow the evolution rules in src/Schemas/README.md",
                    _ => "see the registry's answer",
                };
                throw new SinkException($"Schema registry refused subject '{subject}' ({(int)response.StatusCode}: {Truncate(text)}): {hint}.") { Destination = topic };
            }

            try
            {
                return JsonNode.Parse(text)?["id"]?.GetValue<int>()
                       ?? throw new SinkException($"Schema registry answered without an id for subject '{subject}': {Truncate(text)}.");
            }
            catch (JsonException e)
            {
                throw new SinkException($"Schema registry answered with invalid JSON for subject '{subject}': {Truncate(text)}.", e);
            }
        }
    }

    private static string Truncate(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
