namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>
/// Where a configured item lives, as written by a person: a node id by namespace URI (<c>nsu=urn:x;s=Temp</c>), or a
/// browse path from the Objects folder. Resolved again on every session, because namespace indexes change when a
/// server restarts.
/// </summary>
public sealed record OpcUaNodeAddress
{
    /// <summary>The node id as written, or null when <see cref="BrowsePath"/> is used.</summary>
    public string? NodeId { get; init; }

    /// <summary>The browse path below the Objects folder (i=85), each step with its namespace URI; empty with <see cref="NodeId"/>.</summary>
    public IReadOnlyList<OpcUaBrowseStep> BrowsePath { get; init; } = [];

    /// <summary>The browse path as the user wrote it, for messages.</summary>
    public string? BrowsePathText { get; init; }
}
