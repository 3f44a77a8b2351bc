using DataBridge.Connectors.OpcUa.Encoding.Types;

namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>Where one configured node address leads on the connected server, or why it could not be found.</summary>
/// <param name="NodeId">The node id resolved against this session's namespace table (default when unresolved).</param>
/// <param name="Problem">Null when resolved; otherwise what is wrong and what the user should check.</param>
public readonly record struct OpcUaNodeResolution(NodeId NodeId, string? Problem)
{
    /// <summary>Whether the node was found (and, when data types were checked, has a type the bridge carries).</summary>
    public bool IsResolved => Problem is null;

    /// <summary>
    /// Something worth telling the user that does not stop the item (e.g. a browse path matching several nodes, a
    /// variable typed BaseDataType); null when there is nothing to say.
    /// </summary>
    public string? Warning { get; init; }

    /// <summary>The variable's DataType attribute when data types were checked; default otherwise.</summary>
    public NodeId DataType { get; init; }

    /// <summary>
    /// The built-in type values will arrive as (the DataType or its nearest built-in supertype) when data types were
    /// checked; <see cref="BuiltInType.Null"/> when not checked or not known (BaseDataType, abstract numbers).
    /// </summary>
    public BuiltInType BuiltInType { get; init; }
}
