using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>One node found by <see cref="OpcUaClient.WalkAsync"/>, with what an integrator needs to map it to a tag.</summary>
public sealed class BrowsedNode
{
    private readonly List<BrowsedNode> _children = [];

    internal BrowsedNode(NodeId nodeId, string stableId, QualifiedName browseName, string displayName, NodeClass nodeClass, BrowsedNode? parent)
    {
        NodeId = nodeId;
        StableId = stableId;
        BrowseName = browseName;
        DisplayName = displayName;
        NodeClass = nodeClass;
        Parent = parent;
        Depth = parent is null ? 0 : parent.Depth + 1;
        parent?._children.Add(this);
    }

    /// <summary>The node id with this connection's namespace index.</summary>
    public NodeId NodeId { get; }

    /// <summary>The node id by namespace URI (<c>nsu=…;s=…</c>), stable across server restarts.</summary>
    public string StableId { get; }

    /// <summary>The browse name.</summary>
    public QualifiedName BrowseName { get; }

    /// <summary>The display name.</summary>
    public string DisplayName { get; }

    /// <summary>Object, Variable, Method, …</summary>
    public NodeClass NodeClass { get; }

    /// <summary>The node it was found under (null for the start node).</summary>
    public BrowsedNode? Parent { get; }

    /// <summary>Distance from the start node.</summary>
    public int Depth { get; }

    /// <summary>Children in server order (HasProperty children excluded; their values fill the fields below).</summary>
    public IReadOnlyList<BrowsedNode> Children => _children;

    /// <summary>True when the walk stopped here because of the depth limit or a cycle, though the node may have children.</summary>
    public bool NotExpanded { get; internal set; }

    /// <summary>For variables: the DataType attribute.</summary>
    public NodeId DataType { get; internal set; }

    /// <summary>For variables: the data type's browse name (e.g. <c>Double</c>).</summary>
    public string? DataTypeName { get; internal set; }

    /// <summary>For variables: the ValueRank attribute (Part 3 §5.6.2: -1 scalar, 0 or more an array; -2, -3 either).</summary>
    public int ValueRank { get; internal set; } = -1;

    /// <summary>For variables: the value read during the walk, with status and timestamps.</summary>
    public DataValue? Value { get; internal set; }

    /// <summary>The Description attribute, when the server has one.</summary>
    public string? Description { get; internal set; }

    /// <summary>For analog items: the EngineeringUnits property (Part 8 §5.6.3).</summary>
    public EUInformation? EngineeringUnits { get; internal set; }

    /// <summary>Browse names from the start node's child down to this node.</summary>
    public IReadOnlyList<string> Path
    {
        get
        {
            var names = new List<string>();
            for (var n = this; n?.Parent is not null; n = n.Parent)
            {
                names.Insert(0, n.BrowseName.Name ?? string.Empty);
            }

            return names;
        }
    }

    /// <summary>This node and all below it, depth first.</summary>
    public IEnumerable<BrowsedNode> DescendantsAndSelf()
    {
        var stack = new Stack<BrowsedNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            for (var i = node._children.Count - 1; i >= 0; i--)
            {
                stack.Push(node._children[i]);
            }
        }
    }
}
