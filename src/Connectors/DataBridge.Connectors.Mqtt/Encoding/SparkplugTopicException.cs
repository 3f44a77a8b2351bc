namespace DataBridge.Connectors.Mqtt.Encoding;

/// <summary>A topic under <c>spBv1.0/</c> that does not follow the Sparkplug B namespace; the message is rejected.</summary>
public sealed class SparkplugTopicException : MqttInputException
{
    /// <summary>Creates the exception for <paramref name="topic"/> with what is wrong with it.</summary>
    public SparkplugTopicException(string topic, string problem)
        : base($"Sparkplug topic '{Clip(topic)}' is malformed: {problem}. Sparkplug B topics are spBv1.0/<group>/<NBIRTH|NDATA|NDEATH|DBIRTH|DDATA|DDEATH|NCMD|DCMD>/<edge node>[/<device>] or spBv1.0/STATE/<host id>; fix the publishing edge node's group/node/device ids.")
    {
        Topic = topic;
        Problem = problem;
    }

    /// <summary>Creates the exception without details.</summary>
    public SparkplugTopicException()
        : this(string.Empty, "empty")
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SparkplugTopicException(string message, Exception innerException)
        : base(message, innerException)
    {
        Topic = string.Empty;
        Problem = message;
    }

    /// <summary>The offending topic.</summary>
    public string Topic { get; }

    /// <summary>What is wrong with it, without the advice.</summary>
    public string Problem { get; }
}
