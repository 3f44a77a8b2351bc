using System.Globalization;
using System.Text;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>
/// Writes a ready-to-paste <c>sources:</c> entry for the variables of a walked address space, in the shape the bridge's
/// configuration reads: the source's <c>opcua.endpoint</c>, a guessed ISA-95 <c>asset</c> to edit, and one tag per
/// variable with its name from the browse name, its node id by namespace URI (<c>nsu=</c>, stable across server
/// restarts), its UNECE unit code from EngineeringUnits, its description, and the object path above it as a hint.
/// </summary>
public static class TagMappingYaml
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

        output.WriteLine($"# {variables.Count} variables under {root.StableId} on {endpointUrl}.");
        output.WriteLine("# Edit the asset path (ISA-95 enterprise/site/area/line[/cell]) and check the tag names before use.");
        output.WriteLine("sources:");
        output.WriteLine($"  - id: {Scalar(Slug(sourceId))}");
        output.WriteLine($"    asset: {AssetGuess(root)}");
        output.WriteLine("    opcua:");
        output.WriteLine($"      endpoint: {Scalar(endpointUrl)}");
        output.WriteLine(variables.Count == 0 ? "    tags: []" : "    tags:");
        var names = TagNames(variables);
        for (var i = 0; i < variables.Count; i++)
        {
            var v = variables[i];
            output.WriteLine($"      - name: {Scalar(names[i])}");
            output.WriteLine($"        node: {Quoted(v.StableId)}");
            if (EngineeringUnits.UneceCode(v.EngineeringUnits) is { } unit)
            {
                output.WriteLine($"        unit: {Scalar(unit)}");
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
