namespace DataBridge.Connectors.Mqtt.Sparkplug;

/// <summary>An NBIRTH or DBIRTH defined (or redefined) the metrics of an edge node or device.</summary>
/// <param name="GroupId">The group id.</param>
/// <param name="EdgeNodeId">The edge node id.</param>
/// <param name="DeviceId">The device id, or null for the edge node itself.</param>
/// <param name="Timestamp">The message timestamp (UTC), or the receive time when it has none.</param>
/// <param name="BdSeq">The edge node's birth/death sequence number from the NBIRTH's bdSeq metric (null when the birth has none).</param>
/// <param name="Metrics">Every metric the birth defined.</param>
public sealed record SparkplugBirthEvent(string GroupId, string EdgeNodeId, string? DeviceId, DateTime Timestamp, ulong? BdSeq, IReadOnlyList<SparkplugMetric> Metrics)
    : SparkplugEvent(GroupId, EdgeNodeId, DeviceId, Timestamp);
