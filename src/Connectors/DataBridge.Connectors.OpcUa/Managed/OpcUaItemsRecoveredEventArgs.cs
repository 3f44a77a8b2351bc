namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>Items that were not monitored and are now (their node appeared on the server).</summary>
public sealed class OpcUaItemsRecoveredEventArgs(IReadOnlyList<uint> clientHandles) : EventArgs
{
    /// <summary>The items' client handles.</summary>
    public IReadOnlyList<uint> ClientHandles { get; } = clientHandles;
}
