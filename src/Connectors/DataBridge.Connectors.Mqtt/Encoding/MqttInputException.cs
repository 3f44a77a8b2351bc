namespace DataBridge.Connectors.Mqtt.Encoding;

/// <summary>
/// Base of every error about what arrived from the broker (a topic, a Sparkplug payload, a JSON payload) or about a
/// topic filter or selector the user configured. One message is rejected; the connector keeps running.
/// </summary>
public abstract class MqttInputException : FormatException
{
    /// <summary>Creates the exception.</summary>
    protected MqttInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    protected MqttInputException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Shortens text taken from the wire before it goes into a message, so a hostile topic cannot flood a log.</summary>
    internal static string Clip(string text) => text.Length <= 160 ? text : string.Concat(text.AsSpan(0, 160), "…");
}
