namespace DataBridge.Connectors.Mqtt.Encoding;

/// <summary>
/// Bounds on what one Sparkplug B payload may cost to decode: memory grows with the payload's length, so the length is
/// checked before a byte is parsed, and nesting (property sets in property sets, templates in templates) is capped.
/// </summary>
public sealed record SparkplugDecoderLimits
{
    /// <summary>Largest payload accepted, in bytes (default 4 MiB; a birth of thousands of metrics with properties fits).</summary>
    public int MaxPayloadBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Most metrics one payload may carry (default 100,000).</summary>
    public int MaxMetrics { get; init; } = 100_000;

    /// <summary>Deepest message nesting accepted (default 16; protobuf's own default is 100).</summary>
    public int MaxNesting { get; init; } = 16;

    /// <summary>The defaults.</summary>
    public static SparkplugDecoderLimits Default { get; } = new();
}
