using DataBridge.Connectors.Mqtt.Encoding;

namespace DataBridge.Connectors.Mqtt.Sparkplug;

/// <summary>
/// A data or death message arrived for an edge node or device that has no current birth (DataBridge connected after
/// the birth, or the node died). Its values are not guessed: nothing is reported until the next birth. DataBridge does
/// not send a rebirth request (it never publishes); configure the edge node to retain its births or to rebirth when
/// the host application comes online.
/// </summary>
/// <param name="GroupId">The group id.</param>
/// <param name="EdgeNodeId">The edge node id.</param>
/// <param name="DeviceId">The device id, or null for the edge node itself.</param>
/// <param name="Timestamp">The message timestamp (UTC), or the receive time when it has none.</param>
/// <param name="MessageType">The message that came too early.</param>
public sealed record SparkplugDataBeforeBirth(string GroupId, string EdgeNodeId, string? DeviceId, DateTime Timestamp, SparkplugMessageType MessageType)
    : SparkplugEvent(GroupId, EdgeNodeId, DeviceId, Timestamp);
