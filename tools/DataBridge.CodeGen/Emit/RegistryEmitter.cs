using DataBridge.CodeGen.Model;

namespace DataBridge.CodeGen.Emit;

/// <summary>The registry that lets extension object bodies and service messages decode to the generated types.</summary>
internal static class RegistryEmitter
{
    public static GeneratedFile Emit(IEnumerable<StructureModel> structures)
    {
        var w = new CodeWriter("Opc.Ua.Types.bsd", IdsEmitter.Namespace, "DataBridge.Connectors.OpcUa.Encoding", "DataBridge.Connectors.OpcUa.Encoding.Types");
        w.Summary("The generated structures keyed by their Default Binary encoding ids.").Open("public static class StandardEncodeables");
        w.Summary("A registry of every generated structure; pass it to OpcUaBinaryReader so extension objects and messages decode to typed objects.")
            .Line("public static EncodeableTypeRegistry Registry { get; } = EncodeableTypeRegistry.Create(Factories());")
            .Line();
        w.Open("private static IEnumerable<KeyValuePair<NodeId, Func<IEncodeable>>> Factories()");
        foreach (var s in structures.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            w.Line($"yield return new(ObjectIds.{s.Name}_Encoding_DefaultBinary, static () => new {s.Name}());");
        }

        return new GeneratedFile(IdsEmitter.Folder + "StandardEncodeables.g.cs", w.Close().Close().ToString());
    }
}
