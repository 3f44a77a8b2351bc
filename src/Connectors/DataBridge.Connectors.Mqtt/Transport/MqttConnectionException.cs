namespace DataBridge.Connectors.Mqtt.Transport;

/// <summary>
/// The broker could not be reached, refused the connection (bad credentials, not authorised, bad client id) or refused
/// a subscription. The message names the broker and what to check; the connector keeps retrying with backoff.
/// </summary>
public sealed class MqttConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MqttConnectionException(string message, string? brokerReason = null, Exception? innerException = null)
        : base(message, innerException)
    {
        BrokerReason = brokerReason;
    }

    /// <summary>Creates the exception without details.</summary>
    public MqttConnectionException()
        : this("The MQTT broker connection failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MqttConnectionException(string message)
        : this(message, null, null)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public MqttConnectionException(string message, Exception innerException)
        : this(message, null, innerException)
    {
    }

    /// <summary>The broker's reason code (e.g. <c>NotAuthorized</c>, <c>BadUserNameOrPassword</c>), when it answered.</summary>
    public string? BrokerReason { get; }
}
