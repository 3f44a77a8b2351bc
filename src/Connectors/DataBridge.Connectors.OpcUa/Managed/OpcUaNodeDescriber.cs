using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;
using static DataBridge.Connectors.OpcUa.Managed.OpcUaNodeResolver;

namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>
/// Reads, for every resolved node, the variable's DataType and the analog item properties EngineeringUnits, EURange
/// and InstrumentRange (OPC 10000-8 §5.3.2: HasProperty children with these standard browse names), in a few batched
/// Read and Browse requests.
/// </summary>
public static class OpcUaNodeDescriber
{
    private static readonly BrowseOptions Properties = new()
    {
        ReferenceTypeId = new NodeId(ReferenceTypeIds.HasProperty),
        IncludeSubtypes = false,
        NodeClassMask = (uint)NodeClass.Variable,
    };

    /// <summary>One description per resolution, in the same order; unresolved nodes get a default description.</summary>
    public static async Task<OpcUaNodeDescription[]> DescribeAsync(OpcUaClient client, IReadOnlyList<OpcUaNodeResolution> resolutions, CancellationToken cancellationToken)
    {
        var result = new OpcUaNodeDescription[resolutions.Count];
        var nodes = new List<NodeId>();
        var slots = new List<int>();
        for (var i = 0; i < resolutions.Count; i++)
        {
            if (resolutions[i].IsResolved)
            {
                nodes.Add(resolutions[i].NodeId);
                slots.Add(i);
            }
        }

        if (nodes.Count == 0)
        {
            return result;
        }

        var dataTypes = await client.ReadAttributeAsync(nodes, AttributeIds.DataType, cancellationToken).ConfigureAwait(false);
        var types = new Dictionary<NodeId, (TypeVerdict Verdict, BuiltInType Type)>();
        foreach (var d in dataTypes)
        {
            if (!d.Status.IsBad && d.Value.Type == BuiltInType.NodeId && !d.Value.IsArray)
            {
                types.TryAdd(d.Value.GetNodeId(), default);
            }
        }

        await ClassifyAsync(client, types, cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < slots.Count; k++)
        {
            var d = dataTypes[k];
            var kind = ValueKind.Null;
            if (!d.Status.IsBad && d.Value.Type == BuiltInType.NodeId && !d.Value.IsArray && types.TryGetValue(d.Value.GetNodeId(), out var t) && t.Verdict == TypeVerdict.Carried)
            {
                kind = KindOf(t.Type);
            }

            result[slots[k]] = new OpcUaNodeDescription(kind, null, null, null);
        }

        await ReadPropertiesAsync(client, nodes, slots, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static async Task ReadPropertiesAsync(OpcUaClient client, List<NodeId> nodes, List<int> slots, OpcUaNodeDescription[] result, CancellationToken cancellationToken)
    {
        var browsed = await client.BrowseAsync(nodes, Properties, cancellationToken).ConfigureAwait(false);
        var properties = new List<NodeId>();
        var owners = new List<(int Slot, string Name)>();
        for (var k = 0; k < browsed.Count; k++)
        {
            if (browsed[k].Status.IsBad)
            {
                continue;
            }

            foreach (var reference in browsed[k].References)
            {
                if (reference.NodeId.ServerIndex == 0
                    && reference.BrowseName.NamespaceIndex == 0
                    && reference.BrowseName.Name is "EngineeringUnits" or "EURange" or "InstrumentRange")
                {
                    properties.Add(client.Namespaces.Resolve(reference.NodeId));
                    owners.Add((slots[k], reference.BrowseName.Name));
                }
            }
        }

        if (properties.Count == 0)
        {
            return;
        }

        var values = await client.ReadValuesAsync(properties, cancellationToken).ConfigureAwait(false);
        for (var p = 0; p < values.Length; p++)
        {
            if (values[p].Status.IsBad || values[p].Value.Value is not ExtensionObject { Decoded: { } decoded })
            {
                continue;
            }

            var (slot, name) = owners[p];
            result[slot] = (name, decoded) switch
            {
                ("EngineeringUnits", EUInformation units) => result[slot] with { Units = new OpcUaEngineeringUnit(EngineeringUnits.UneceCode(units), NonEmpty(units.DisplayName.Text), NonEmpty(units.Description.Text)) },
                ("EURange", Generated.Range r) => result[slot] with { EURange = new OpcUaRange(r.Low, r.High) },
                ("InstrumentRange", Generated.Range r) => result[slot] with { InstrumentRange = new OpcUaRange(r.Low, r.High) },
                _ => result[slot],
            };
        }
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>The value kind values of a built-in type arrive as (Part 6 §5.1.2 built-in types 1–13).</summary>
    private static ValueKind KindOf(BuiltInType type) => type switch
    {
        BuiltInType.Boolean => ValueKind.Boolean,
        BuiltInType.SByte => ValueKind.SByte,
        BuiltInType.Byte => ValueKind.Byte,
        BuiltInType.Int16 => ValueKind.Int16,
        BuiltInType.UInt16 => ValueKind.UInt16,
        BuiltInType.Int32 => ValueKind.Int32,
        BuiltInType.UInt32 => ValueKind.UInt32,
        BuiltInType.Int64 => ValueKind.Int64,
        BuiltInType.UInt64 => ValueKind.UInt64,
        BuiltInType.Float => ValueKind.Float,
        BuiltInType.Double => ValueKind.Double,
        BuiltInType.String => ValueKind.String,
        BuiltInType.DateTime => ValueKind.DateTime,
        _ => ValueKind.Null,
    };
}
