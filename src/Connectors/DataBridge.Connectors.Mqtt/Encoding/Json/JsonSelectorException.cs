namespace DataBridge.Connectors.Mqtt.Encoding.Json;

/// <summary>A configured selector (<c>$.data.temp</c>) that is not in the supported JSONPath subset.</summary>
public sealed class JsonSelectorException : MqttInputException
{
    /// <summary>Creates the exception for <paramref name="selector"/>, pointing at the character <paramref name="position"/>.</summary>
    public JsonSelectorException(string selector, int position, string problem)
        : base($"JSON selector '{Clip(selector)}' is invalid at character {position + 1}: {problem}. Selectors start with '$' and continue with .name, ['any name'] or [index], e.g. $.value, $.data.temp, $.readings[0].v.")
    {
        Selector = selector;
        Position = position;
    }

    /// <summary>Creates the exception without details.</summary>
    public JsonSelectorException()
        : this(string.Empty, 0, "it is empty")
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public JsonSelectorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Selector = string.Empty;
    }

    /// <summary>The offending selector.</summary>
    public string Selector { get; }

    /// <summary>Zero-based index of the offending character.</summary>
    public int Position { get; }
}
