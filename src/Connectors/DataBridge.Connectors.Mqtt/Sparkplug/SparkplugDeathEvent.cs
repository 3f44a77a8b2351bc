namespace DataBridge.Connectors.Mqtt.Sparkplug;

/// <summary>
/// An NDEATH (matching the current bdSeq) or DDEATH took an edge node or device offline: every metric it had was
/// reported Bad (BadNoCommunication) at <see cref="SparkplugEvent.Timestamp"/>.
/// </summary>
/// <param name="GroupId">The group id.</param>
/// <param name="EdgeNodeId">The edge node id.</param>
/// <param name="DeviceId">The device id, or null for the edge node itself.</param>
/// <param name="Timestamp">The message timestamp (UTC), or the receive time when it has none.</param>
/// <param name="BdSeq">The bdSeq the NDEATH carried (null for DDEATH, or an NDEATH without one).</param>
/// <param name="MetricCount">How many metrics turned Bad.</param>
public sealed record SparkplugDeathEvent(string GroupId, string EdgeNodeId, string? DeviceId, DateTime Timestamp, ulong? BdSeq, int MetricCount)
    : SparkplugEvent(GroupId, EdgeNodeId, DeviceId, Timestamp);
