using System.Text.Json.Serialization;

namespace DataBridge.Bridge.Sinks;

/// <summary>The sink part of <c>/healthz</c>: whether the destination is reachable and, when not, what failed.</summary>
public sealed record SinkHealth
{
    /// <summary>The sink kind, e.g. <c>kafka</c>.</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>Connecting, connected or waiting.</summary>
    [JsonPropertyName("state")]
    public SinkState State { get; init; }

    /// <summary>What the sink waits for (the last failure, with what to check); null when connected.</summary>
    [JsonPropertyName("problem")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Problem { get; init; }

    /// <summary>Since when the sink is in <see cref="State"/>.</summary>
    [JsonPropertyName("since")]
    public DateTimeOffset Since { get; init; }
}
