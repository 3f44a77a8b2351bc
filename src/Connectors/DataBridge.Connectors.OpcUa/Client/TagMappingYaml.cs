using System.Globalization;
using System.Text;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>
/// Writes ready-to-paste tag mapping entries for the variables of a walked address space: names from browse names,
/// node ids by namespace URI (<c>nsu=</c>), UNECE unit codes from EngineeringUnits, descriptions, and an asset path
/// guessed from the folders and objects above each variable (as a comment, to be checked by the integrator).
/// </summary>
public static class TagMappingYaml
{
    /// <summary>Writes an <c>opcua</c> source with its <c>tags:</c> list.</summary>
    public static void Write(TextWriter output, BrowsedNode root, string endpointUrl, string sourceName)
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

        output.WriteLine($"# {variables.Count} variables under {root.StableId}; check names and asset paths before use.");
        output.WriteLine("sources:");
        output.WriteLine($"  - name: {Scalar(Slug(sourceName))}");
        output.WriteLine("    opcua:");
        output.WriteLine($"      endpoint: {Scalar(endpointUrl)}");
        output.WriteLine(variables.Count == 0 ? "      tags: []" : "      tags:");
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in variables)
        {
            var name = UniqueName(v, used);
            output.WriteLine($"        - name: {Scalar(name)}");
            output.WriteLine($"          node: {Quoted(v.StableId)}");
            var unit = EngineeringUnits.UneceCode(v.EngineeringUnits);
            if (unit is not null)
            {
                output.WriteLine($"          unit: {Scalar(unit)}");
            }

            if (!string.IsNullOrWhiteSpace(v.Description))
            {
                output.WriteLine($"          description: {Scalar(v.Description)}");
            }

            output.WriteLine($"          # asset path guess: {AssetPath(v)}");
        }
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

            parts.Insert(0, Slug(n.BrowseName.Name ?? n.DisplayName));
        }

        return string.Join('/', parts);
    }

    private static string UniqueName(BrowsedNode v, HashSet<string> used)
    {
        var name = Slug(v.BrowseName.Name ?? v.DisplayName);
        if (used.Add(name))
        {
            return name;
        }

        // The same browse name under different parents (Temperature on every press): qualify with the parent.
        var qualified = v.Parent is null ? name : $"{Slug(v.Parent.BrowseName.Name ?? string.Empty)}_{name}";
        for (var n = 2; !used.Add(qualified); n++)
        {
            qualified = string.Create(CultureInfo.InvariantCulture, $"{name}_{n}");
        }

        return qualified;
    }

    private static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            sb.Append(char.IsLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
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
