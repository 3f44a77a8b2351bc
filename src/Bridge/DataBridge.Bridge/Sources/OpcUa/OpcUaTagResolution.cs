using DataBridge.Connectors.OpcUa.Encoding.Types;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>Where one configured OPC UA tag lives on the connected server, or why it could not be found.</summary>
/// <param name="NodeId">The node id resolved against this session's namespace table (default when unresolved).</param>
/// <param name="Problem">Null when resolved; otherwise what is wrong and what the user should check.</param>
internal readonly record struct OpcUaTagResolution(NodeId NodeId, string? Problem)
{
    /// <summary>Whether the tag was found.</summary>
    public bool IsResolved => Problem is null;
}
