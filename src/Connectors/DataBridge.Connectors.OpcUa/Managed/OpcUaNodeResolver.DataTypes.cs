using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>The online check of resolved nodes: NodeClass, DataType and ValueRank against what the bridge carries.</summary>
public static partial class OpcUaNodeResolver
{
    /// <summary>Supertype steps followed from a server-specific DataType before giving up (real models nest 2–4).</summary>
    private const int MaxSupertypeDepth = 10;

    private const string Carried = "Boolean, SByte, Byte, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float, Double, String, DateTime";

    private static readonly BrowseOptions SupertypeBrowse = new()
    {
        Direction = BrowseDirection.Inverse,
        ReferenceTypeId = new NodeId(ReferenceTypeIds.HasSubtype),
        IncludeSubtypes = false,
    };

    /// <summary>What a DataType means for the bridge.</summary>
    internal enum TypeVerdict
    {
        /// <summary>Not decided yet: follow HasSubtype to the supertype.</summary>
        Unknown,
        /// <summary>Values arrive as a built-in type the bridge carries.</summary>
        Carried,
        /// <summary>Abstract numeric type (Number, Integer, UInteger): every concrete value is carried.</summary>
        AnyNumber,
        /// <summary>BaseDataType: values may be of any type.</summary>
        Any,
        /// <summary>A type the bridge cannot carry (structures, byte strings, ...).</summary>
        NotCarried,
    }

    private static async Task CheckNodesAsync(OpcUaClient client, OpcUaNodeResolution[] results, CancellationToken cancellationToken)
    {
        var indexes = new List<int>();
        var items = new List<ReadValueId>();
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].IsResolved)
            {
                indexes.Add(i);
                items.Add(new ReadValueId { NodeId = results[i].NodeId, AttributeId = AttributeIds.NodeClass });
                items.Add(new ReadValueId { NodeId = results[i].NodeId, AttributeId = AttributeIds.DataType });
                items.Add(new ReadValueId { NodeId = results[i].NodeId, AttributeId = AttributeIds.ValueRank });
            }
        }

        if (items.Count == 0)
        {
            return;
        }

        // The client splits the Read by its MaxNodesPerRead (default 1,000).
        var values = await client.ReadAsync(items, TimestampsToReturn.Neither, cancellationToken).ConfigureAwait(false);
        var types = new Dictionary<NodeId, (TypeVerdict Verdict, BuiltInType Type)>();
        for (var j = 0; j < indexes.Count; j++)
        {
            var dataType = values[(3 * j) + 1];
            if (!dataType.Status.IsBad && dataType.Value.Type == BuiltInType.NodeId && !dataType.Value.IsArray)
            {
                types.TryAdd(dataType.Value.GetNodeId(), default);
            }
        }

        await ClassifyAsync(client, types, cancellationToken).ConfigureAwait(false);
        for (var j = 0; j < indexes.Count; j++)
        {
            var i = indexes[j];
            results[i] = Check(client, results[i], values[3 * j], values[(3 * j) + 1], values[(3 * j) + 2], types);
        }
    }

    private static OpcUaNodeResolution Check(OpcUaClient client, OpcUaNodeResolution r, DataValue nodeClass, DataValue dataType, DataValue valueRank, Dictionary<NodeId, (TypeVerdict Verdict, BuiltInType Type)> types)
    {
        var endpoint = client.EndpointUrl;
        var id = client.FormatNodeId(r.NodeId);
        if (nodeClass.Status.IsBad)
        {
            return r with
            {
                Problem = nodeClass.Status.SubCode == StatusCodes.BadNodeIdUnknown
                    ? $"node {id} not found on {endpoint}; check the node id with 'databridge browse {endpoint}'"
                    : $"node {id} on {endpoint} could not be read ({nodeClass.Status.Name}); check the node id and the server's access rights",
            };
        }

        var cls = nodeClass.Value.Type == BuiltInType.Int32 ? (NodeClass)nodeClass.Value.GetInt32() : NodeClass.Unspecified;
        if (cls != NodeClass.Variable)
        {
            return r with { Problem = $"node {id} is {Article(cls)} {cls}, not a Variable; name one of its variables (databridge browse {endpoint} --node \"{id}\")" };
        }

        if (dataType.Status.IsBad || dataType.Value.Type != BuiltInType.NodeId || dataType.Value.IsArray)
        {
            return r with { Problem = $"the DataType of node {id} could not be read ({(dataType.Status.IsBad ? dataType.Status.Name : "not a NodeId")}); the server does not describe the variable" };
        }

        var typeId = dataType.Value.GetNodeId();
        var typeName = TypeName(client, typeId);
        var (verdict, builtIn) = types.TryGetValue(typeId, out var v) ? v : (TypeVerdict.Unknown, BuiltInType.Null);
        r = r with { DataType = typeId, BuiltInType = verdict == TypeVerdict.Carried ? builtIn : BuiltInType.Null };
        switch (verdict)
        {
            case TypeVerdict.NotCarried:
                return r with { Problem = $"node {id} has data type {typeName}{Kind(typeName, builtIn)}, which the bridge cannot carry; it carries scalars of {Carried}" };
            case TypeVerdict.Unknown:
                return r with { Problem = $"node {id} has data type {typeName}, which the server does not derive from a built-in type the bridge carries ({Carried})" };
        }

        var rank = valueRank.Status.IsBad || valueRank.Value.Type != BuiltInType.Int32 ? -1 : valueRank.Value.GetInt32();
        if (rank >= 0)
        {
            // Part 3 §5.6.2: ValueRank 0 = one or more dimensions, n > 0 = exactly n dimensions.
            return r with { Problem = $"node {id} holds arrays ({typeName}[], ValueRank {rank}); the bridge carries scalars only, so name a scalar variable" };
        }

        var warning = verdict == TypeVerdict.Any
            ? $"node {id} has data type BaseDataType, so the server may send any type; values the bridge cannot carry ({Carried} are carried) arrive with quality BadTypeMismatch instead of the value"
            : rank is -2 or -3
                ? $"node {id} may hold arrays (ValueRank {rank}); arrays arrive with quality BadTypeMismatch instead of the value, only scalars are carried"
                : null;
        return warning is null ? r : r with { Warning = r.Warning is null ? warning : r.Warning + "; " + warning };
    }

    /// <summary>Decides every DataType in <paramref name="types"/>, following HasSubtype inverse for server-specific ones.</summary>
    internal static async Task ClassifyAsync(OpcUaClient client, Dictionary<NodeId, (TypeVerdict Verdict, BuiltInType Type)> types, CancellationToken cancellationToken)
    {
        // Each pending type walks up the hierarchy through 'cursor'; known standard types end the walk.
        var cursor = new Dictionary<NodeId, NodeId>();
        foreach (var t in types.Keys.ToList())
        {
            var verdict = Standard(t);
            if (verdict.Verdict == TypeVerdict.Unknown)
            {
                cursor[t] = t;
            }
            else
            {
                types[t] = verdict;
            }
        }

        for (var depth = 0; depth < MaxSupertypeDepth && cursor.Count > 0; depth++)
        {
            var asked = cursor.Values.Distinct().ToList();
            var browsed = await client.BrowseAsync(asked, SupertypeBrowse, cancellationToken).ConfigureAwait(false);
            var parents = new Dictionary<NodeId, NodeId?>();
            for (var k = 0; k < asked.Count; k++)
            {
                var refs = browsed[k].References;
                parents[asked[k]] = browsed[k].Status.IsBad || refs.Count == 0 || refs[0].NodeId.ServerIndex != 0
                    ? null
                    : refs[0].NodeId.NamespaceUri is null ? refs[0].NodeId.NodeId : client.Namespaces.Resolve(refs[0].NodeId);
            }

            foreach (var (type, at) in cursor.ToList())
            {
                if (parents[at] is not { } parent)
                {
                    cursor.Remove(type);
                    continue;
                }

                var verdict = Standard(parent);
                if (verdict.Verdict == TypeVerdict.Unknown)
                {
                    cursor[type] = parent;
                }
                else
                {
                    types[type] = verdict;
                    cursor.Remove(type);
                }
            }
        }
    }

    /// <summary>The verdict for the standard types whose meaning is fixed (Part 3 §8, Part 6 §5.1.2 built-in type ids 1–25).</summary>
    private static (TypeVerdict Verdict, BuiltInType Type) Standard(NodeId type)
    {
        if (type.NamespaceIndex != 0 || type.IdType != NodeIdType.Numeric)
        {
            return (TypeVerdict.Unknown, BuiltInType.Null);
        }

        return type.NumericIdentifier switch
        {
            >= 1 and <= 13 => (TypeVerdict.Carried, (BuiltInType)type.NumericIdentifier),
            24 => (TypeVerdict.Any, BuiltInType.Null),
            26 or 27 or 28 => (TypeVerdict.AnyNumber, BuiltInType.Null),

            // Part 6 §5.2.2.16: enumerations are encoded as Int32.
            29 => (TypeVerdict.Carried, BuiltInType.Int32),
            >= 14 and <= 25 => (TypeVerdict.NotCarried, (BuiltInType)type.NumericIdentifier),
            _ => (TypeVerdict.Unknown, BuiltInType.Null),
        };
    }

    private static string TypeName(OpcUaClient client, NodeId type) =>
        type.NamespaceIndex == 0 && type.IdType == NodeIdType.Numeric && StandardNodeNames.TryGetName(type.NumericIdentifier, out var name)
            ? name
            : client.FormatNodeId(type);

    private static string Kind(string typeName, BuiltInType builtIn) => builtIn switch
    {
        BuiltInType.Null => string.Empty,
        BuiltInType.ExtensionObject => typeName == "Structure" ? string.Empty : " (a structure)",
        _ => typeName == builtIn.ToString() ? string.Empty : $" (a {builtIn})",
    };

    private static string Article(NodeClass c) => c is NodeClass.Object or NodeClass.ObjectType ? "an" : "a";
}
