using System.Text.Json.Serialization;

namespace DataBridge.Bridge.Hosting;

/// <summary>The health of one subscription-based source (OPC UA) in <c>/healthz</c>.</summary>
public sealed record SourceHealth
{
    /// <summary>The source id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Whether a session with a live subscription is up now.</summary>
    [JsonPropertyName("connected")]
    public bool Connected { get; init; }

    /// <summary>Reconnects since start.</summary>
    [JsonPropertyName("reconnects")]
    public long Reconnects { get; init; }

    /// <summary>Subscriptions taken over by a new session (nothing lost).</summary>
    [JsonPropertyName("transfers")]
    public long Transfers { get; init; }

    /// <summary>Subscriptions created again after the server lost them (each with a gap record).</summary>
    [JsonPropertyName("recreations")]
    public long Recreations { get; init; }
}
