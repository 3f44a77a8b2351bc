using DataBridge.Connectors.Mqtt.Encoding;

namespace DataBridge.Connectors.Mqtt.Sparkplug;

/// <summary>
/// A message (or one metric in it) that could not be used: malformed topic, malformed payload, unknown alias.
/// <see cref="Error"/> says what is wrong and what to fix.
/// </summary>
/// <param name="GroupId">The group id.</param>
/// <param name="EdgeNodeId">The edge node id.</param>
/// <param name="DeviceId">The device id, or null for the edge node itself.</param>
/// <param name="Timestamp">The message timestamp (UTC), or the receive time when it has none.</param>
/// <param name="Topic">The topic it arrived on.</param>
/// <param name="Error">The typed error.</param>
public sealed record SparkplugMessageRejected(string GroupId, string EdgeNodeId, string? DeviceId, DateTime Timestamp, string Topic, MqttInputException Error)
    : SparkplugEvent(GroupId, EdgeNodeId, DeviceId, Timestamp);
