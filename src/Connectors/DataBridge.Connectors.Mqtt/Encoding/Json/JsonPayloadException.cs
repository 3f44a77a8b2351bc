namespace DataBridge.Connectors.Mqtt.Encoding.Json;

/// <summary>A JSON payload that gives no sample for its binding; the one message is rejected and the topic keeps flowing.</summary>
public sealed class JsonPayloadException : MqttInputException
{
    /// <summary>Creates the exception.</summary>
    public JsonPayloadException(JsonPayloadError error, string topic, string problem, Exception? innerException = null)
        : base($"JSON payload on '{Clip(topic)}' rejected ({error}): {problem}", innerException)
    {
        Error = error;
        Topic = topic;
    }

    /// <summary>Creates the exception without details.</summary>
    public JsonPayloadException()
        : this(JsonPayloadError.MalformedJson, string.Empty, "malformed payload")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public JsonPayloadException(string message)
        : this(JsonPayloadError.MalformedJson, string.Empty, message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public JsonPayloadException(string message, Exception innerException)
        : this(JsonPayloadError.MalformedJson, string.Empty, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public JsonPayloadError Error { get; }

    /// <summary>The topic the payload arrived on.</summary>
    public string Topic { get; }
}
