namespace DataBridge.Connectors.Mqtt.Encoding;

/// <summary>
/// A Sparkplug B payload that cannot be used: not valid protobuf, larger than the configured limit, too many metrics,
/// a sequence number out of range, a data message naming a metric its birth did not define. The message is rejected
/// (or, for one bad metric, only that metric) and the session goes on.
/// </summary>
public sealed class SparkplugPayloadException : MqttInputException
{
    /// <summary>Creates the exception for a message on <paramref name="topic"/>.</summary>
    public SparkplugPayloadException(string topic, string problem, Exception? innerException = null)
        : base($"Sparkplug payload on '{Clip(topic)}' rejected: {problem}", innerException)
    {
        Topic = topic;
        Problem = problem;
    }

    /// <summary>Creates the exception without details.</summary>
    public SparkplugPayloadException()
        : this(string.Empty, "malformed payload")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SparkplugPayloadException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>The topic the payload arrived on.</summary>
    public string Topic { get; }

    /// <summary>What is wrong, without the topic.</summary>
    public string Problem { get; }
}
