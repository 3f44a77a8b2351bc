namespace DataBridge.Bridge.Configuration;

/// <summary>The Kafka topics the bridge produces to (architecture §5); every name has a default.</summary>
public sealed class TopicNames
{
    /// <summary>The defaults: <c>databridge.values</c>, <c>databridge.metadata</c>, <c>databridge.gaps</c>, <c>databridge.events</c>.</summary>
    public static TopicNames Default { get; } = new();

    /// <summary>Tag value records, keyed by tag id.</summary>
    public string Values { get; init; } = "databridge.values";

    /// <summary>Tag metadata records (compacted), keyed by tag id.</summary>
    public string Metadata { get; init; } = "databridge.metadata";

    /// <summary>Gap records, keyed by source id.</summary>
    public string Gaps { get; init; } = "databridge.gaps";

    /// <summary>Bridge events (start, stop, reload, recovery, overflow), keyed by bridge id.</summary>
    public string Events { get; init; } = "databridge.events";
}
