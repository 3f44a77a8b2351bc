using System.Buffers;
using System.Globalization;
using System.Text.Json;
using DataBridge.Core;

namespace DataBridge.Connectors.Mqtt.Encoding.Json;

/// <summary>Reads one sample out of a JSON payload with a value selector and an optional timestamp selector.</summary>
public static class JsonPayloadReader
{
    /// <summary>Deepest nesting accepted; deeper documents are rejected as malformed before they cost memory.</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// Reads the value at <paramref name="value"/> and the timestamp at <paramref name="timestamp"/> (epoch milliseconds
    /// or ISO 8601; <paramref name="receivedAt"/> when no timestamp selector is configured).
    /// </summary>
    /// <exception cref="JsonPayloadException">The payload is malformed, too large, or lacks the selected fields.</exception>
    public static Sample Read(string topic, ReadOnlySequence<byte> payload, JsonSelector value, JsonSelector? timestamp, DateTime receivedAt, int maxPayloadBytes)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (payload.Length > maxPayloadBytes)
        {
            throw new JsonPayloadException(JsonPayloadError.TooLarge, topic, $"the payload is {payload.Length} bytes, more than the limit of {maxPayloadBytes}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new JsonPayloadException(JsonPayloadError.MalformedJson, topic, $"not well-formed JSON ({e.Message})", e);
        }

        using (document)
        {
            if (!value.TrySelect(document.RootElement, out var element))
            {
                throw new JsonPayloadException(JsonPayloadError.MissingValue, topic, $"the value selector {value.Text} found nothing; check the selector against what the publisher sends");
            }

            var tagValue = ToTagValue(topic, value, element);
            var when = receivedAt;
            if (timestamp is not null)
            {
                if (!timestamp.TrySelect(document.RootElement, out var ts))
                {
                    throw new JsonPayloadException(JsonPayloadError.MissingTimestamp, topic, $"the timestamp selector {timestamp.Text} found nothing; remove it to use the receive time, or fix it");
                }

                when = ToTimestamp(topic, timestamp, ts);
            }

            return Sample.Good(tagValue, when);
        }
    }

    private static TagValue ToTagValue(string topic, JsonSelector selector, JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetInt64(out var l) ? TagValue.FromInt64(l) : TagValue.FromDouble(element.GetDouble()),
        JsonValueKind.True => TagValue.FromBoolean(true),
        JsonValueKind.False => TagValue.FromBoolean(false),
        JsonValueKind.String => TagValue.FromString(element.GetString()!),
        JsonValueKind.Null => throw new JsonPayloadException(JsonPayloadError.NullValue, topic, $"{selector.Text} is null: the publisher sent no value"),
        _ => throw new JsonPayloadException(JsonPayloadError.UnsupportedValue, topic, $"{selector.Text} is a JSON {element.ValueKind.ToString().ToLowerInvariant()}, not a number, string or boolean; point the selector at a field inside it"),
    };

    private static DateTime ToTimestamp(string topic, JsonSelector selector, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            if (element.TryGetInt64(out var ms) && ms >= 0 && SparkplugTime.TryFromEpochMilliseconds((ulong)ms, out var utc))
            {
                return utc;
            }

            throw new JsonPayloadException(JsonPayloadError.InvalidTimestamp, topic, $"{selector.Text} is {element.GetRawText()}, not a whole, non-negative number of milliseconds since 1970-01-01T00:00:00Z");
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString()!;
            if (text.Contains('T', StringComparison.Ordinal)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
            {
                return parsed.UtcDateTime;
            }

            throw new JsonPayloadException(JsonPayloadError.InvalidTimestamp, topic, $"{selector.Text} is \"{MqttInputException.Clip(text)}\", not an ISO 8601 date and time such as 2026-12-05T06:00:00Z");
        }

        throw new JsonPayloadException(JsonPayloadError.InvalidTimestamp, topic, $"{selector.Text} is a JSON {element.ValueKind.ToString().ToLowerInvariant()}; timestamps are epoch milliseconds or ISO 8601 strings");
    }
}
