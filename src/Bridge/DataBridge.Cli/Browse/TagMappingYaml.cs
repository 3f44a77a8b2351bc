using System.Globalization;
using System.Text;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Cli.Browse;

/// <summary>
/// Writes a ready-to-paste <c>sources:</c> entry for the variables of a walked address space, in the shape the bridge's
/// configuration reads: the source's <c>opcua.endpoint</c>, a guessed ISA-95 <c>asset</c> to edit, and one tag per
/// variable with its name from the browse name, its node id by namespace URI (<c>nsu=</c>, stable across server
/// restarts), its UNECE unit code from EngineeringUnits, its description, and the object path above it as a hint.
/// </summary>
/// <remarks>It lives in the CLI, next to <c>browse</c>, because it knows the bridge's YAML; the connector knows only OPC UA.</remarks>
internal static class TagMappingYaml
{
    /// <summary>Writes the entry.</summary>
    public static void Write(TextWriter output, BrowsedNode root, string endpointUrl, string sourceId)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(root);
        var variables = new List<BrowsedNode>();
        foreach (var node in root.DescendantsAndSelf())
        {
            if (node.NodeClass == NodeClass.Variable)
            {
                variables.Add(node);
            }
        }

        var reasons = new string?[variables.Count];
        var carried = 0;
        for (var i = 0; i < variables.Count; i++)
        {
            reasons[i] = NotCarriedReason(variables[i]);
            carried += reasons[i] is null ? 1 : 0;
        }

        output.WriteLine($"# {variables.Count} variables under {root.StableId} on {endpointUrl}.");
        if (carried < variables.Count)
        {
            output.WriteLine($"# {variables.Count - carried} of them are commented out: the bridge cannot carry their values yet (arrays, structures, ...).");
        }

        output.WriteLine("# Edit the asset path (ISA-95 enterprise/site/area/line[/cell]) and check the tag names before use.");
        output.WriteLine("sources:");
        output.WriteLine($"  - id: {Scalar(Slug(sourceId))}");
        output.WriteLine($"    asset: {AssetGuess(root)}");
        output.WriteLine("    opcua:");
        output.WriteLine($"      endpoint: {Scalar(endpointUrl)}");
        output.WriteLine(carried == 0 ? "    tags: []" : "    tags:");
        var names = TagNames(variables);
        for (var i = 0; i < variables.Count; i++)
        {
            var v = variables[i];

            // Until arrays and structures are carried, such variables are listed commented out with the reason, so the
            // output still passes 'databridge validate --online' against the same server.
            var prefix = reasons[i] is null ? "      " : "      # ";
            output.WriteLine($"{prefix}- name: {Scalar(names[i])}");
            output.WriteLine($"{prefix}  node: {Quoted(v.StableId)}");
            if (reasons[i] is { } reason)
            {
                output.WriteLine($"{prefix}  # not mapped: {reason}");
                continue;
            }

            if (EngineeringUnits.UneceCode(v.EngineeringUnits) is { } unit)
            {
                output.WriteLine($"        unit: {Scalar(unit)}");
            }
            else if (v.EngineeringUnits?.DisplayName.Text is { Length: > 0 } symbol)
            {
                // No UNECE code to write (UnitId -1 or unknown): the bridge publishes the server's display name in the
                // metadata record (unitDisplayName) all the same.
                output.WriteLine($"        # unit: {symbol} (no UNECE code; the metadata record carries it as unitDisplayName)");
            }

            if (!string.IsNullOrWhiteSpace(v.Description))
            {
                output.WriteLine($"        description: {Scalar(v.Description)}");
            }

            if (AssetPath(v) is { Length: > 0 } path)
            {
                output.WriteLine($"        # asset path guess: {path}");
            }
        }
    }

    /// <summary>
    /// Why the bridge cannot carry a variable's values (what <c>validate --online</c> refuses), or null when it can:
    /// arrays (ValueRank 0 or more, or an array value), and data types outside Boolean, the integers, Float, Double,
    /// String and DateTime. For server-specific types the value read during the walk tells the built-in type.
    /// </summary>
    public static string? NotCarriedReason(BrowsedNode variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var typeName = variable.DataTypeName ?? "an unknown type";
        if (variable.ValueRank >= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"holds arrays ({typeName}[], ValueRank {variable.ValueRank}); the bridge carries scalars only");
        }

        if (variable.Value is { } read && read.Value.IsArray)
        {
            return $"its value is an array ({typeName}); the bridge carries scalars only";
        }

        var type = variable.DataType;
        if (type.NamespaceIndex == 0 && type.IdType == NodeIdType.Numeric)
        {
            switch (type.NumericIdentifier)
            {
                case >= 1 and <= 13 or 24 or >= 26 and <= 29:
                    return null;
                case >= 14 and <= 25:
                    return $"data type {typeName}, which the bridge cannot carry";
            }
        }

        // A server-specific type or a standard subtype (e.g. Duration): judge by the value's built-in type.
        if (variable.Value is { } value && !value.Status.IsBad && !value.Value.IsNull)
        {
            return value.Value.Type is >= BuiltInType.Boolean and <= BuiltInType.DateTime
                ? null
                : $"data type {typeName} (values are {value.Value.Type}), which the bridge cannot carry";
        }

        return null;
    }

    /// <summary>
    /// A valid placeholder asset ending in the start node's name (<c>enterprise/site/area/line1</c>): the server cannot
    /// know the enterprise and site, so the integrator edits the first segments.
    /// </summary>
    public static string AssetGuess(BrowsedNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var isObjects = root.NodeId.NamespaceIndex == 0 && root.NodeId.IdType == NodeIdType.Numeric && root.NodeId.NumericIdentifier == 85;
        var last = isObjects ? "line" : AssetSegment(root.BrowseName.Name ?? root.DisplayName);
        return $"enterprise/site/area/{last}";
    }

    /// <summary>
    /// Browse names in lower case; where two variables share one (Temperature on every press), the objects between
    /// the start node and the variable are prefixed with '/', which tag names allow.
    /// </summary>
    private static string[] TagNames(List<BrowsedNode> variables)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new string[variables.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Slug(variables[i].BrowseName.Name ?? variables[i].DisplayName);
            counts[names[i]] = counts.GetValueOrDefault(names[i]) + 1;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (counts[names[i]] > 1)
            {
                var path = variables[i].Path;
                var parts = new List<string>(path.Count);
                foreach (var part in path)
                {
                    parts.Add(Slug(part));
                }

                names[i] = string.Join('/', parts);
            }

            var candidate = names[i];
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = string.Create(CultureInfo.InvariantCulture, $"{names[i]}_{n}");
            }

            names[i] = candidate;
        }

        return names;
    }

    /// <summary>
    /// The folders/objects above a variable, start node included (the Objects folder left out), lower-case and
    /// joined with '/', e.g. <c>plant/line1/press07</c>.
    /// </summary>
    public static string AssetPath(BrowsedNode variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var parts = new List<string>();
        for (var n = variable.Parent; n is not null; n = n.Parent)
        {
            if (n.NodeId.NamespaceIndex == 0 && n.NodeId.IdType == NodeIdType.Numeric && n.NodeId.NumericIdentifier == 85)
            {
                break;
            }

            parts.Insert(0, AssetSegment(n.BrowseName.Name ?? n.DisplayName));
        }

        return string.Join('/', parts);
    }

    private static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            sb.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.' ? c : '_');
        }

        return sb.Length == 0 ? "_" : sb.ToString();
    }

    /// <summary>An asset path segment: a-z, 0-9, '_' and '-' only.</summary>
    private static string AssetSegment(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            sb.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' ? c : '_');
        }

        return sb.Length == 0 ? "_" : sb.ToString();
    }

    /// <summary>A YAML plain scalar when safe, otherwise double-quoted.</summary>
    private static string Scalar(string text)
    {
        var plain = text.Length > 0
            && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1])
            && "-?:,[]{}#&*!|>'\"%@`".IndexOf(text[0], StringComparison.Ordinal) < 0
            && !text.Contains(": ", StringComparison.Ordinal) && !text.Contains(" #", StringComparison.Ordinal)
            && text is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "~")
            && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        foreach (var c in text)
        {
            plain &= !char.IsControl(c);
        }

        return plain ? text : Quoted(text);
    }

    private static string Quoted(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\t' => sb.Append("\\t"),
                _ when char.IsControl(c) => sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"').ToString();
    }
}
