namespace DataBridge.Connectors.Mqtt.Sparkplug;

/// <summary>Something the Sparkplug session tracking noticed besides a value: a birth, a death, a gap, a rejected message.</summary>
/// <param name="GroupId">The group id ("" when the topic could not be parsed).</param>
/// <param name="EdgeNodeId">The edge node id ("" when the topic could not be parsed).</param>
/// <param name="DeviceId">The device id for device-level events.</param>
/// <param name="Timestamp">The message's timestamp, or the receive time when it has none (UTC).</param>
public abstract record SparkplugEvent(string GroupId, string EdgeNodeId, string? DeviceId, DateTime Timestamp);
