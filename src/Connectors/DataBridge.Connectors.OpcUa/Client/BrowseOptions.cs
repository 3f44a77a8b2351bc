using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>What a Browse asks for (Part 4 §5.9.2 BrowseDescription); the defaults walk the hierarchy forward.</summary>
public sealed record BrowseOptions
{
    /// <summary>Forward hierarchical references of every node class, all result fields.</summary>
    public static BrowseOptions Default { get; } = new();

    /// <summary>Direction (default Forward).</summary>
    public BrowseDirection Direction { get; init; } = BrowseDirection.Forward;

    /// <summary>Reference type (default HierarchicalReferences, i=33).</summary>
    public NodeId ReferenceTypeId { get; init; } = WellKnownNodes.HierarchicalReferences;

    /// <summary>Include subtypes of the reference type (default true).</summary>
    public bool IncludeSubtypes { get; init; } = true;

    /// <summary>Node class mask (default 0: all classes).</summary>
    public uint NodeClassMask { get; init; }

    /// <summary>Result mask (default 63: every field of ReferenceDescription).</summary>
    public uint ResultMask { get; init; } = 63;

    /// <summary>RequestedMaxReferencesPerNode; null uses <see cref="OpcUaClientOptions.MaxReferencesPerBrowse"/>.</summary>
    public uint? MaxReferencesPerNode { get; init; }

    internal BrowseDescription Describe(NodeId node) => new()
    {
        NodeId = node,
        BrowseDirection = Direction,
        ReferenceTypeId = ReferenceTypeId,
        IncludeSubtypes = IncludeSubtypes,
        NodeClassMask = NodeClassMask,
        ResultMask = ResultMask,
    };
}
