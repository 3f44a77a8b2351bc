namespace DataBridge.Bridge.Sinks.Kafka;

/// <summary>Settings of <see cref="KafkaSink"/>. Topic names default to the ones in docs (architecture §5).</summary>
public sealed class KafkaSinkOptions
{
    /// <summary>Comma-separated host:port of Kafka brokers (librdkafka <c>bootstrap.servers</c>).</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>Identity of this bridge: the key of its events and part of the Kafka client id.</summary>
    public required string BridgeId { get; init; }

    /// <summary>Topic of tag values (keyed by tag id, cleanup delete).</summary>
    public string ValuesTopic { get; init; } = "databridge.values";

    /// <summary>Topic of tag metadata (keyed by tag id, cleanup compact).</summary>
    public string MetadataTopic { get; init; } = "databridge.metadata";

    /// <summary>Topic of gap records (keyed by source id, cleanup delete).</summary>
    public string GapsTopic { get; init; } = "databridge.gaps";

    /// <summary>Topic of bridge events (keyed by bridge id, cleanup delete).</summary>
    public string EventsTopic { get; init; } = "databridge.events";

    /// <summary>
    /// Extra librdkafka settings, e.g. <c>security.protocol</c>, <c>sasl.mechanism</c>, <c>sasl.username</c>,
    /// <c>sasl.password</c>, <c>ssl.ca.location</c>. They may override the defaults except
    /// <c>enable.idempotence</c> and <c>acks</c>, which the sink's durability promise needs. Secrets are never logged.
    /// </summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Create missing topics at start (needs the CreateTopics ACL; refusals are logged and tolerated).</summary>
    public bool CreateTopics { get; init; } = true;

    /// <summary>Partitions of topics the sink creates; -1 leaves it to the broker's <c>num.partitions</c>.</summary>
    public int TopicPartitions { get; init; } = 6;

    /// <summary>Replication factor of topics the sink creates; -1 leaves it to the broker's default.</summary>
    public short TopicReplicationFactor { get; init; } = -1;

    /// <summary>How long librdkafka keeps retrying a record before the call fails (<c>message.timeout.ms</c>).</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Time to wait for topic creation and, on dispose, for records still in flight.</summary>
    public TimeSpan AdminTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// First wait before topic provisioning (and schema registration) is tried again after Kafka did not answer;
    /// it doubles (with jitter) up to <see cref="MaxRetryDelay"/>. Meanwhile values wait in the outbox.
    /// </summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between provisioning attempts while Kafka is away.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock of the retry backoff and of the health report.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Confluent Schema Registry URL; when set, the schemas are registered at start (subject <c>&lt;topic&gt;-value</c>)
    /// and every value is framed in the Confluent wire format (magic byte 0 + 4-byte schema id). Null writes plain Avro.
    /// </summary>
    public string? SchemaRegistryUrl { get; init; }

    /// <summary>Registry credentials as <c>user:password</c> (HTTP basic auth); a secret, never logged.</summary>
    public string? SchemaRegistryBasicAuth { get; init; }

    /// <summary>Returns every problem with these options (empty when valid), for start-up validation.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            problems.Add("Kafka BootstrapServers is empty: set it to the brokers' host:port list, e.g. kafka1:9092,kafka2:9092.");
        }

        if (string.IsNullOrWhiteSpace(BridgeId))
        {
            problems.Add("BridgeId is empty: give every bridge a stable, unique name.");
        }

        foreach (var (name, topic) in new[] { ("ValuesTopic", ValuesTopic), ("MetadataTopic", MetadataTopic), ("GapsTopic", GapsTopic), ("EventsTopic", EventsTopic) })
        {
            if (string.IsNullOrWhiteSpace(topic) || topic.Length > 249)
            {
                problems.Add($"{name} '{topic}' is not a valid Kafka topic name (1-249 characters of [a-zA-Z0-9._-]).");
            }
        }

        if (RetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            problems.Add($"RetryDelay ({RetryDelay}) must be positive and not longer than MaxRetryDelay ({MaxRetryDelay}).");
        }

        if (SchemaRegistryUrl is not null && !Uri.TryCreate(SchemaRegistryUrl, UriKind.Absolute, out _))
        {
            problems.Add($"SchemaRegistryUrl '{SchemaRegistryUrl}' is not an absolute URL, e.g. https://registry:8081.");
        }

        foreach (var key in new[] { "enable.idempotence", "acks" })
        {
            if (Properties.ContainsKey(key))
            {
                problems.Add($"Kafka property '{key}' cannot be overridden: the sink needs enable.idempotence=true and acks=all to promise no loss and no duplicates.");
            }
        }

        return problems;
    }
}
