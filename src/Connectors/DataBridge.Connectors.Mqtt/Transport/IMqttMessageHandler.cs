using System.Buffers;

namespace DataBridge.Connectors.Mqtt.Transport;

/// <summary>Receives every message the subscriber gets, one at a time, in arrival order.</summary>
public interface IMqttMessageHandler
{
    /// <summary>
    /// Handles a message. <paramref name="payload"/> is only valid during the call (MQTTnet reuses the buffer): decode it
    /// before returning.
    /// </summary>
    void OnMessage(string topic, ReadOnlySequence<byte> payload, DateTime receivedAt);
}
