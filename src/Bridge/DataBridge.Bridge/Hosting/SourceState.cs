using System.Text.Json.Serialization;

namespace DataBridge.Bridge.Hosting;

/// <summary>Where a source stands, as <c>/healthz</c> reports it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SourceState>))]
public enum SourceState
{
    /// <summary>Started, first connection or first poll not finished yet.</summary>
    [JsonStringEnumMemberName("connecting")]
    Connecting,

    /// <summary>The source answers and data is fresh.</summary>
    [JsonStringEnumMemberName("connected")]
    Connected,

    /// <summary>The source does not answer (refused, timed out, session lost); its tags carry Bad quality.</summary>
    [JsonStringEnumMemberName("down")]
    Down,

    /// <summary>The source answered, but no data came for longer than its poll or publishing rhythm allows.</summary>
    [JsonStringEnumMemberName("stale")]
    Stale,
}
