namespace DataBridge.Connectors.Mqtt.Sparkplug;

/// <summary>What the host side knows of one edge node: online or not, its bdSeq, the last seq, its and its devices' metrics.</summary>
internal sealed class SparkplugEdgeNodeSession(string groupId, string edgeNodeId)
{
    public string GroupId { get; } = groupId;

    public string EdgeNodeId { get; } = edgeNodeId;

    public SparkplugMetricScope Node { get; } = new();

    public Dictionary<string, SparkplugMetricScope> Devices { get; } = new(StringComparer.Ordinal);

    public ulong? BdSeq { get; set; }

    /// <summary>The seq of the last message counted, or -1 before the first birth.</summary>
    public int LastSeq { get; set; } = -1;
}
