using System.Text.Json.Serialization;

namespace DataBridge.Bridge.Sinks;

/// <summary>Where a sink stands with its destination, as <c>/healthz</c> reports it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SinkState>))]
public enum SinkState
{
    /// <summary>Started, not yet heard from the destination.</summary>
    [JsonStringEnumMemberName("connecting")]
    Connecting,

    /// <summary>The destination answered and accepts records.</summary>
    [JsonStringEnumMemberName("connected")]
    Connected,

    /// <summary>The destination is away or refuses; records wait in the outbox and the sink retries with backoff.</summary>
    [JsonStringEnumMemberName("waiting")]
    Waiting,
}
