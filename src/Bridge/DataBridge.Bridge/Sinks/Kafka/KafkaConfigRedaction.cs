using System.Text;

namespace DataBridge.Bridge.Sinks.Kafka;

/// <summary>Renders librdkafka settings for logs with every secret replaced by <c>***</c>.</summary>
internal static class KafkaConfigRedaction
{
    // librdkafka settings that carry secrets: sasl.password, ssl.key.password, ssl.keystore.password,
    // ssl.key.pem, ssl_key (inline key material), sasl.oauthbearer.client.secret, sasl.oauthbearer.config ...
    private static readonly string[] SecretMarkers = ["password", "secret", "ssl.key.pem", "ssl_key", "sasl.oauthbearer.config", "token", "credential", "jaas"];

    public static bool IsSecret(string key)
    {
        foreach (var marker in SecretMarkers)
        {
            if (key.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static string Describe(IEnumerable<KeyValuePair<string, string>> config)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in config.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (sb.Length > 0)
            {
                sb.Append(", ");
            }

            sb.Append(key).Append('=').Append(IsSecret(key) ? "***" : value);
        }

        return sb.ToString();
    }
}
