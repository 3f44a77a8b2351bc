namespace DataBridge.Bridge.Configuration;

/// <summary>
/// A tag monitored on an OPC UA server, named either by node id (stored by namespace URI, <c>nsu=...;s=...</c>,
/// because namespace indexes change when servers restart) or by a browse path resolved at connect time.
/// </summary>
public sealed class OpcUaTagDefinition : TagDefinition
{
    /// <summary>The node id as written (<c>nsu=urn:x;s=Temp</c>, or <c>i=2258</c> for namespace 0), or null when <see cref="BrowsePath"/> is used.</summary>
    public string? NodeId { get; init; }

    /// <summary>A browse path from the Objects folder as written (<c>Objects/Press/Temperature</c>, <c>Objects/di:DeviceSet/Press</c>), or null when <see cref="NodeId"/> is used.</summary>
    public string? BrowsePath { get; init; }

    /// <summary>
    /// <see cref="BrowsePath"/> parsed: the steps below the Objects folder (i=85), each with its namespace URI (aliases
    /// and the source's default namespace already applied); empty when <see cref="NodeId"/> is used.
    /// </summary>
    public IReadOnlyList<OpcUaBrowsePathElement> BrowsePathElements { get; init; } = [];

    /// <summary>Requested sampling interval; null uses the publishing interval.</summary>
    public TimeSpan? SamplingInterval { get; init; }

    /// <summary>Kind of server-side deadband; <see cref="TagDefinition.Deadband"/> holds its value.</summary>
    public OpcUaDeadbandType DeadbandType { get; init; }

    /// <summary>Notifications the server queues for this item between publishes; default 10.</summary>
    public uint QueueSize { get; init; } = 10;

    /// <summary>Whether a full server queue drops its oldest entry (default) rather than the newest.</summary>
    public bool DiscardOldest { get; init; } = true;

    /// <summary>
    /// The server applies the deadband (DataChangeFilter), in its own units or as a percent of the EU range; the
    /// pipeline applying it again would read a percent as an absolute amount.
    /// </summary>
    internal override double PipelineDeadband => 0;
}
