using System.Text.Json.Serialization;

namespace DataBridge.Bridge.Hosting;

/// <summary>The health of one source in <c>/healthz</c>; every source kind appears, with its state.</summary>
public sealed record SourceHealth
{
    /// <summary>The source id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The source kind: <c>modbus</c> or <c>opcua</c>.</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>Connecting, connected, down, or stale (connected but no fresh data).</summary>
    [JsonPropertyName("state")]
    public SourceState State { get; init; }

    /// <summary>Whether the source answers now (OPC UA: a session with a live subscription; Modbus: the last poll was answered).</summary>
    [JsonPropertyName("connected")]
    public bool Connected { get; init; }

    /// <summary>When the source last delivered data (a poll answered, a notification or keep-alive), or null if never.</summary>
    [JsonPropertyName("lastDataAt")]
    public DateTimeOffset? LastDataAt { get; init; }

    /// <summary>While down or stale: what failed (e.g. the quality the tags carry), and what to check.</summary>
    [JsonPropertyName("problem")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Problem { get; init; }

    /// <summary>Reconnects since start (OPC UA).</summary>
    [JsonPropertyName("reconnects")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Reconnects { get; init; }

    /// <summary>Sessions re-activated on a new channel, keeping their subscription (OPC UA, nothing lost).</summary>
    [JsonPropertyName("reactivations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Reactivations { get; init; }

    /// <summary>Subscriptions taken over by a new session with TransferSubscriptions (OPC UA, nothing lost).</summary>
    [JsonPropertyName("transfers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Transfers { get; init; }

    /// <summary>Subscriptions created again after the server lost them (OPC UA, each with a gap record).</summary>
    [JsonPropertyName("recreations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Recreations { get; init; }

    /// <summary>Whether this source makes the bridge's status degraded.</summary>
    [JsonIgnore]
    public bool IsDegraded => State is SourceState.Down or SourceState.Stale;
}
