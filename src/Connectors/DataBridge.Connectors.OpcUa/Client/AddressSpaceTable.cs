using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>Renders a walked address space as an indented tree with node class, data type, unit, value and node id.</summary>
public static class AddressSpaceTable
{
    /// <summary>Writes the tree under <paramref name="root"/>.</summary>
    public static void Write(TextWriter output, BrowsedNode root)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(root);
        var rows = new List<string[]>();
        AddRows(root, string.Empty, string.Empty, isRoot: true, isLast: true, rows);
        string[] header = ["NODE", "CLASS", "TYPE", "UNIT", "VALUE", "NODE ID"];
        var widths = new int[header.Length];
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < row.Length; i++)
            {
                output.Write(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            output.WriteLine();
        }
    }

    private static void AddRows(BrowsedNode node, string indent, string childIndent, bool isRoot, bool isLast, List<string[]> rows)
    {
        var name = isRoot ? node.DisplayName : indent + (isLast ? "└─ " : "├─ ") + node.DisplayName;
        if (node.NotExpanded && node.NodeClass == NodeClass.Object)
        {
            name += " …";
        }

        rows.Add(
        [
            name,
            node.NodeClass.ToString(),
            node.DataTypeName ?? string.Empty,
            EngineeringUnits.Describe(node.EngineeringUnits),
            node.NodeClass == NodeClass.Variable ? ValueText.Format(node.Value) : string.Empty,
            node.StableId,
        ]);
        var children = node.Children;
        for (var i = 0; i < children.Count; i++)
        {
            var last = i == children.Count - 1;
            var next = isRoot ? string.Empty : childIndent + (isLast ? "   " : "│  ");
            AddRows(children[i], next, next, isRoot: false, last, rows);
        }
    }
}
