using DataBridge.Configuration;

namespace DataBridge.Bridge.Configuration;

/// <summary>
/// A loaded, validated and fully resolved bridge configuration: templates expanded, environment substituted, every
/// default applied. Produced by <see cref="ConfigurationLoader"/>; immutable.
/// </summary>
public sealed class BridgeConfiguration
{
    /// <summary>The bridge id: the key of its event records.</summary>
    public required string BridgeId { get; init; }

    /// <summary>Absolute path of the state directory (sequence numbers, outbox); relative paths are resolved against the configuration file's folder.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Kafka sink settings.</summary>
    public required KafkaSettings Kafka { get; init; }

    /// <summary>The disk outbox between the pipeline and Kafka.</summary>
    public OutboxSettings Outbox { get; init; } = new();

    /// <summary>The sources in file order.</summary>
    public required IReadOnlyList<SourceDefinition> Sources { get; init; }

    /// <summary>The configuration file as named to the loader.</summary>
    public required string FilePath { get; init; }

    /// <summary>Warnings found while loading (the configuration is usable despite them).</summary>
    public IReadOnlyList<ConfigurationError> Warnings { get; init; } = [];
}
