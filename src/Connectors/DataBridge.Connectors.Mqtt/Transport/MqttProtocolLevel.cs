namespace DataBridge.Connectors.Mqtt.Transport;

/// <summary>The MQTT protocol version to speak to the broker.</summary>
public enum MqttProtocolLevel
{
    /// <summary>MQTT 3.1.1 (OASIS 2014), what most Sparkplug brokers and edge nodes speak.</summary>
    V311,
    /// <summary>MQTT 5.0 (OASIS 2019).</summary>
    V500,
}
