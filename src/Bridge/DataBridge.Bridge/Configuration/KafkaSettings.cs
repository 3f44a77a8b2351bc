namespace DataBridge.Bridge.Configuration;

/// <summary>Where and how the Kafka sink produces.</summary>
public sealed class KafkaSettings
{
    /// <summary>Comma-separated <c>host:port</c> list (librdkafka <c>bootstrap.servers</c>); default <c>127.0.0.1:9092</c>.</summary>
    public string BootstrapServers { get; init; } = "127.0.0.1:9092";

    /// <summary>The topic names.</summary>
    public TopicNames Topics { get; init; } = TopicNames.Default;

    /// <summary>
    /// Extra librdkafka properties passed through unchanged (security.protocol, sasl.*, ssl.*, ...). Values may be
    /// secrets (taken from <c>${ENV}</c> or <c>${file:path}</c>): never log them; use <see cref="IsSecretProperty"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>True for property names whose values must never be logged (passwords, keys, secrets, tokens).</summary>
    public static bool IsSecretProperty(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Contains("password", StringComparison.OrdinalIgnoreCase)
            || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
            || name.Contains("token", StringComparison.OrdinalIgnoreCase)
            || name.Contains("jaas", StringComparison.OrdinalIgnoreCase)
            || name.Equals("ssl.key.pem", StringComparison.OrdinalIgnoreCase);
    }
}
