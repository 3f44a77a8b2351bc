using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Services;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>Walking the address space as a tree (what <c>databridge browse</c> shows).</summary>
public sealed partial class OpcUaClient
{
    /// <summary>Nodes per Browse request during a walk.</summary>
    private const int WalkBatch = 200;

    /// <summary>
    /// Walks hierarchical references from <paramref name="start"/> breadth first, <paramref name="maxDepth"/> levels
    /// deep (1 = children only), one Browse per level and batch, then reads every variable's data type, value,
    /// description, value rank and EngineeringUnits. The Server object is listed but not expanded unless it is the start.
    /// </summary>
    public async Task<BrowsedNode> WalkAsync(NodeId start, int maxDepth, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        var root = await DescribeStartAsync(start, cancellationToken).ConfigureAwait(false);
        var visited = new HashSet<NodeId> { start };
        var all = new List<BrowsedNode> { root };
        var unitProperties = new List<(BrowsedNode Owner, NodeId Property)>();
        var level = new List<BrowsedNode> { root };
        for (var depth = 0; depth <= maxDepth && level.Count > 0; depth++)
        {
            var next = new List<BrowsedNode>();
            for (var offset = 0; offset < level.Count; offset += WalkBatch)
            {
                var batch = level.GetRange(offset, Math.Min(WalkBatch, level.Count - offset));
                var ids = new NodeId[batch.Count];
                for (var i = 0; i < ids.Length; i++)
                {
                    ids[i] = batch[i].NodeId;
                }

                var results = await BrowseAsync(ids, null, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < results.Count; i++)
                {
                    AddChildren(batch[i], results[i], depth < maxDepth, visited, next, unitProperties);
                }
            }

            all.AddRange(next);
            level = next;
        }

        foreach (var node in level)
        {
            node.NotExpanded = true;
        }

        await ReadVariableDetailsAsync(all, cancellationToken).ConfigureAwait(false);
        await ReadUnitsAsync(unitProperties, cancellationToken).ConfigureAwait(false);
        return root;
    }

    private void AddChildren(BrowsedNode parent, BrowseNodeResult result, bool expand, HashSet<NodeId> visited, List<BrowsedNode> next, List<(BrowsedNode, NodeId)> unitProperties)
    {
        if (result.Status.IsBad)
        {
            parent.NotExpanded = true;
            return;
        }

        foreach (var reference in result.References)
        {
            if (reference.NodeId.ServerIndex != 0)
            {
                continue;
            }

            var child = Namespaces.Resolve(reference.NodeId);
            if (reference.ReferenceTypeId == WellKnownNodes.HasProperty)
            {
                if (reference.BrowseName.NamespaceIndex == 0 && reference.BrowseName.Name == "EngineeringUnits")
                {
                    unitProperties.Add((parent, child));
                }

                continue;
            }

            if (!expand)
            {
                parent.NotExpanded = true;
                continue;
            }

            if (!visited.Add(child))
            {
                continue;
            }

            var node = new BrowsedNode(child, FormatNodeId(child), reference.BrowseName, reference.DisplayName.Text ?? reference.BrowseName.Name ?? string.Empty, reference.NodeClass, parent);
            if (child == WellKnownNodes.Server)
            {
                node.NotExpanded = true;
                continue;
            }

            next.Add(node);
        }
    }

    private async Task<BrowsedNode> DescribeStartAsync(NodeId start, CancellationToken cancellationToken)
    {
        var values = await ReadAsync(
            [
                new ReadValueId { NodeId = start, AttributeId = AttributeIds.BrowseName },
                new ReadValueId { NodeId = start, AttributeId = AttributeIds.DisplayName },
                new ReadValueId { NodeId = start, AttributeId = AttributeIds.NodeClass },
            ],
            TimestampsToReturn.Neither,
            cancellationToken).ConfigureAwait(false);
        if (values[0].Status.IsBad)
        {
            throw new OpcUaServiceException("Read", values[0].Status, $"start node {FormatNodeId(start)}");
        }

        var browseName = values[0].Value.Value is QualifiedName q ? q : new QualifiedName(FormatNodeId(start));
        var displayName = values[1].Value.Value is LocalizedText t ? t.Text ?? string.Empty : browseName.Name ?? string.Empty;
        var nodeClass = values[2].Value.Value is int c ? (NodeClass)c : NodeClass.Unspecified;
        return new BrowsedNode(start, FormatNodeId(start), browseName, displayName, nodeClass, null);
    }

    private async Task ReadVariableDetailsAsync(List<BrowsedNode> all, CancellationToken cancellationToken)
    {
        var variables = all.FindAll(n => n.NodeClass == NodeClass.Variable);
        const int PerVariable = 4;
        var items = new List<ReadValueId>(variables.Count * PerVariable);
        foreach (var v in variables)
        {
            items.Add(new ReadValueId { NodeId = v.NodeId, AttributeId = AttributeIds.DataType });
            items.Add(new ReadValueId { NodeId = v.NodeId, AttributeId = AttributeIds.Value });
            items.Add(new ReadValueId { NodeId = v.NodeId, AttributeId = AttributeIds.Description });
            items.Add(new ReadValueId { NodeId = v.NodeId, AttributeId = AttributeIds.ValueRank });
        }

        var values = items.Count == 0 ? [] : await ReadAsync(items, TimestampsToReturn.Both, cancellationToken).ConfigureAwait(false);
        var typeIds = new HashSet<NodeId>();
        for (var i = 0; i < variables.Count; i++)
        {
            var v = variables[i];
            var at = i * PerVariable;
            if (values[at].Value.Value is NodeId dataType)
            {
                v.DataType = dataType;
                typeIds.Add(dataType);
            }

            v.Value = values[at + 1];
            if (values[at + 2].Value.Value is LocalizedText { Text.Length: > 0 } description)
            {
                v.Description = description.Text;
            }

            if (!values[at + 3].Status.IsBad && values[at + 3].Value.Type == BuiltInType.Int32 && !values[at + 3].Value.IsArray)
            {
                v.ValueRank = values[at + 3].Value.GetInt32();
            }
        }

        var typeList = typeIds.ToArray();
        var names = typeList.Length == 0 ? [] : await ReadAttributeAsync(typeList, AttributeIds.BrowseName, cancellationToken).ConfigureAwait(false);
        var nameOf = new Dictionary<NodeId, string>();
        for (var i = 0; i < typeList.Length; i++)
        {
            nameOf[typeList[i]] = names[i].Value.Value is QualifiedName q ? q.Name ?? FormatNodeId(typeList[i]) : FormatNodeId(typeList[i]);
        }

        foreach (var v in variables)
        {
            v.DataTypeName = nameOf.GetValueOrDefault(v.DataType);
        }
    }

    private async Task ReadUnitsAsync(List<(BrowsedNode Owner, NodeId Property)> unitProperties, CancellationToken cancellationToken)
    {
        if (unitProperties.Count == 0)
        {
            return;
        }

        var ids = unitProperties.ConvertAll(p => p.Property);
        var values = await ReadValuesAsync(ids, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].Value.Value is ExtensionObject { Decoded: EUInformation units })
            {
                unitProperties[i].Owner.EngineeringUnits = units;
            }
        }
    }
}
