namespace DataBridge.Connectors.Mqtt.Encoding;

/// <summary>A configured topic filter that breaks the MQTT wildcard rules (MQTT 5 §4.7.1).</summary>
public sealed class MqttTopicFilterException : MqttInputException
{
    /// <summary>Creates the exception for <paramref name="filter"/>.</summary>
    public MqttTopicFilterException(string filter, string problem)
        : base($"Topic filter '{Clip(filter)}' is invalid: {problem}. Use '+' for exactly one whole level and '#' only as the whole last level, e.g. plant7/+/press/+/temperature or plant7/#.")
    {
        Filter = filter;
    }

    /// <summary>Creates the exception without details.</summary>
    public MqttTopicFilterException()
        : this(string.Empty, "it is empty")
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public MqttTopicFilterException(string message, Exception innerException)
        : base(message, innerException)
    {
        Filter = string.Empty;
    }

    /// <summary>The offending filter.</summary>
    public string Filter { get; }
}
