using System.Globalization;
using DataBridge.CodeGen.Model;

namespace DataBridge.CodeGen.Emit;

/// <summary>AttributeIds and the selected standard node ids (one class per node class), plus a reverse name table.</summary>
internal static class IdsEmitter
{
    public const string Folder = "src/Connectors/DataBridge.Connectors.OpcUa/Generated/";
    public const string Namespace = "DataBridge.Connectors.OpcUa.Generated";

    public static GeneratedFile Attributes(IReadOnlyList<AttributeEntry> attributes)
    {
        var w = new CodeWriter("AttributeIds.csv", Namespace);
        w.Summary("The ids of node attributes, used in ReadValueId.AttributeId (Part 6 §A.1).").Open("public static class AttributeIds");
        foreach (var a in attributes)
        {
            w.Summary($"The {a.Name} attribute.").Line(string.Create(CultureInfo.InvariantCulture, $"public const uint {a.Name} = {a.Id};"));
        }

        return new GeneratedFile(Folder + "AttributeIds.g.cs", w.Close().ToString());
    }

    public static IEnumerable<GeneratedFile> NodeIds(IReadOnlyDictionary<string, IReadOnlyList<NodeIdEntry>> classes)
    {
        foreach (var (className, rows) in classes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var w = new CodeWriter("NodeIds.csv", Namespace);
            w.Summary($"Numeric identifiers of standard nodes in namespace 0 ({className}; only those the client names).").Open($"public static class {className}");
            foreach (var row in rows)
            {
                w.Summary($"{row.Name} ({row.NodeClass}).").Line(string.Create(CultureInfo.InvariantCulture, $"public const uint {row.Name} = {row.Id};"));
            }

            yield return new GeneratedFile(Folder + className + ".g.cs", w.Close().ToString());
        }

        var names = new CodeWriter("NodeIds.csv", Namespace, "System.Collections.Frozen");
        names.Summary("Names of the standard nodes listed in the generated *Ids classes, for display (e.g. reference types in browse output).")
            .Open("public static class StandardNodeNames");
        names.Summary("Looks up the name of a standard node in namespace 0, e.g. 47 → HasComponent.")
            .Line("public static bool TryGetName(uint id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name) => Names.TryGetValue(id, out name);")
            .Line();
        names.Open("private static readonly FrozenDictionary<uint, string> Names = new Dictionary<uint, string>");
        foreach (var row in classes.Values.SelectMany(r => r).OrderBy(r => r.Id))
        {
            names.Line(string.Create(CultureInfo.InvariantCulture, $"[{row.Id}] = \"{row.Name}\","));
        }

        names.Close(".ToFrozenDictionary();");
        yield return new GeneratedFile(Folder + "StandardNodeNames.g.cs", names.Close().ToString());
    }
}
