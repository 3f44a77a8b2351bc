using DataBridge.Core;

namespace DataBridge.Bridge.Hosting;

/// <summary>The last reported value of one tag.</summary>
/// <param name="TagId">The tag.</param>
/// <param name="Value">Its last value (scaled).</param>
/// <param name="Status">Its last quality.</param>
public sealed record TagSnapshot(string TagId, TagValue Value, StatusCode Status);
