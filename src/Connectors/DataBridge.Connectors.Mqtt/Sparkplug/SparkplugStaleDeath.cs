namespace DataBridge.Connectors.Mqtt.Sparkplug;

/// <summary>
/// An NDEATH or DDEATH that does not belong to the current session and was ignored: its bdSeq is from an older birth
/// (a will delivered late by the broker after the node already reconnected), or the node/device was not online.
/// </summary>
/// <param name="GroupId">The group id.</param>
/// <param name="EdgeNodeId">The edge node id.</param>
/// <param name="DeviceId">The device id, or null for the edge node itself.</param>
/// <param name="Timestamp">The message timestamp (UTC), or the receive time when it has none.</param>
/// <param name="BdSeq">The bdSeq the death carried, if any.</param>
/// <param name="CurrentBdSeq">The bdSeq of the current birth, if any.</param>
/// <param name="Reason">Why it was ignored.</param>
public sealed record SparkplugStaleDeath(string GroupId, string EdgeNodeId, string? DeviceId, DateTime Timestamp, ulong? BdSeq, ulong? CurrentBdSeq, string Reason)
    : SparkplugEvent(GroupId, EdgeNodeId, DeviceId, Timestamp);
