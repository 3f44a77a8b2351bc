namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>The items' nodes resolved on a new session (one result per item, by client handle).</summary>
public sealed class OpcUaNodesResolvedEventArgs(IReadOnlyList<OpcUaNodeResolution> resolutions) : EventArgs
{
    /// <summary>One result per item, in handle order.</summary>
    public IReadOnlyList<OpcUaNodeResolution> Resolutions { get; } = resolutions;
}
