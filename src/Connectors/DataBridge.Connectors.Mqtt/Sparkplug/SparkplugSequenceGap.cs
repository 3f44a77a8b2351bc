namespace DataBridge.Connectors.Mqtt.Sparkplug;

/// <summary>
/// The 0–255 <c>seq</c> of an edge node jumped (Sparkplug 3.0 §7.3): messages between <see cref="Expected"/> and the
/// one before <see cref="Received"/> (modulo 256) never arrived, and their values are missing downstream.
/// DataBridge never asks for a rebirth (it does not publish), so the gap is reported and tracking continues from
/// <see cref="Received"/>.
/// </summary>
/// <param name="GroupId">The group id.</param>
/// <param name="EdgeNodeId">The edge node id.</param>
/// <param name="DeviceId">The device id, or null for the edge node itself.</param>
/// <param name="Timestamp">The message timestamp (UTC), or the receive time when it has none.</param>
/// <param name="Expected">The seq that should have come next.</param>
/// <param name="Received">The seq that came.</param>
public sealed record SparkplugSequenceGap(string GroupId, string EdgeNodeId, string? DeviceId, DateTime Timestamp, byte Expected, byte Received)
    : SparkplugEvent(GroupId, EdgeNodeId, DeviceId, Timestamp)
{
    /// <summary>How many messages are missing (1–255).</summary>
    public int MissingCount => (Received - Expected) & 0xFF;
}
