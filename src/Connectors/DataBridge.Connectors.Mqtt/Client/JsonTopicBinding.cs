using DataBridge.Connectors.Mqtt.Encoding;
using DataBridge.Connectors.Mqtt.Encoding.Json;

namespace DataBridge.Connectors.Mqtt.Client;

/// <summary>
/// A plain (non-Sparkplug) topic filter with JSON payloads, e.g. <c>plant7/+/press/+/temperature</c> with value
/// <c>$.value</c> and timestamp <c>$.ts</c>. Every topic the filter matches is one source address.
/// </summary>
public sealed class JsonTopicBinding
{
    /// <summary>Creates a binding; validates the filter and the selectors.</summary>
    /// <exception cref="MqttTopicFilterException">The filter is invalid.</exception>
    /// <exception cref="JsonSelectorException">A selector is invalid.</exception>
    public JsonTopicBinding(string filter, string valueSelector, string? timestampSelector = null, int maxPayloadBytes = 256 * 1024)
    {
        Filter = MqttTopicFilter.Parse(filter);
        Value = JsonSelector.Parse(valueSelector);
        Timestamp = timestampSelector is null ? null : JsonSelector.Parse(timestampSelector);
        MaxPayloadBytes = maxPayloadBytes > 0 ? maxPayloadBytes : throw new ArgumentOutOfRangeException(nameof(maxPayloadBytes), maxPayloadBytes, "The payload limit must be positive.");
    }

    /// <summary>The topic filter.</summary>
    public MqttTopicFilter Filter { get; }

    /// <summary>Where the value is in the payload.</summary>
    public JsonSelector Value { get; }

    /// <summary>Where the timestamp is, or null to use the receive time.</summary>
    public JsonSelector? Timestamp { get; }

    /// <summary>Largest payload accepted.</summary>
    public int MaxPayloadBytes { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Filter} value {Value}{(Timestamp is null ? string.Empty : " timestamp " + Timestamp)}";
}
