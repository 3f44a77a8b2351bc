namespace DataBridge.Kpi.Service;

/// <summary>Kafka settings of the KPI service. Topic names default to the ones in docs/architecture (§5).</summary>
public sealed class KpiServiceOptions
{
    /// <summary>Kafka bootstrap servers (host:port,...).</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>Consumer group shared by every KPI service instance: they split the value topic's partitions.</summary>
    public string GroupId { get; init; } = "databridge-kpi";

    /// <summary>Topic of tag value records (input).</summary>
    public string ValuesTopic { get; init; } = "databridge.values";

    /// <summary>Topic of gap records (input; every instance reads all of it).</summary>
    public string GapsTopic { get; init; } = "databridge.gaps";

    /// <summary>Topic the KPI records go to (keyed by asset path).</summary>
    public string KpiTopic { get; init; } = "databridge.kpi";

    /// <summary>Extra librdkafka properties (security.protocol, sasl.*, ssl.*), applied to consumers and producer.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// On partition assignment, re-read values from this far back so the shift window is complete after a restart
    /// or a rebalance (default: the model's retention). Null reads from the committed offsets only.
    /// </summary>
    public TimeSpan? ReplayOnAssign { get; init; }

    /// <summary>Problems with the options, for start-up validation (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            problems.Add("--bootstrap is empty: give the Kafka brokers as host:port[,host:port].");
        }

        foreach (var (name, topic) in new[] { ("values topic", ValuesTopic), ("gaps topic", GapsTopic), ("KPI topic", KpiTopic), ("group id", GroupId) })
        {
            if (string.IsNullOrWhiteSpace(topic))
            {
                problems.Add($"The {name} is empty.");
            }
        }

        return problems;
    }
}
