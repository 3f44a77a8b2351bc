namespace DataBridge.Connectors.Mqtt.Encoding.Json;

/// <summary>Why a JSON payload gave no sample.</summary>
public enum JsonPayloadError
{
    /// <summary>The payload is not well-formed JSON (or nests deeper than the limit).</summary>
    MalformedJson,
    /// <summary>The payload is larger than the configured limit.</summary>
    TooLarge,
    /// <summary>The value selector found nothing.</summary>
    MissingValue,
    /// <summary>The value is an object or array, not a number, string or boolean.</summary>
    UnsupportedValue,
    /// <summary>The value is JSON null.</summary>
    NullValue,
    /// <summary>The timestamp selector found nothing.</summary>
    MissingTimestamp,
    /// <summary>The timestamp is neither epoch milliseconds nor an ISO 8601 date and time.</summary>
    InvalidTimestamp,
}
