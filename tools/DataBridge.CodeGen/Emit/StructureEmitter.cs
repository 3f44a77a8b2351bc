using DataBridge.CodeGen.Model;

namespace DataBridge.CodeGen.Emit;

/// <summary>One file per service group holding its structures as IEncodeable classes (fields in bsd order, Part 6 §5.2.6).</summary>
internal static class StructureEmitter
{
    private const string TypesNamespace = "global::DataBridge.Connectors.OpcUa.Encoding.Types.NodeId";

    public static GeneratedFile Emit(string group, IReadOnlyList<StructureModel> structures, IReadOnlyDictionary<string, uint> encodingIds, TypeDictionaryModel dictionary)
    {
        var w = new CodeWriter(
            "Opc.Ua.Types.bsd", IdsEmitter.Namespace,
            "DataBridge.Connectors.OpcUa.Encoding", "DataBridge.Connectors.OpcUa.Encoding.Types", "DataBridge.Core");
        var first = true;
        foreach (var s in structures)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            EmitStructure(w, s, encodingIds, dictionary);
        }

        return new GeneratedFile(IdsEmitter.Folder + group + ".g.cs", w.ToString());
    }

    private static void EmitStructure(CodeWriter w, StructureModel s, IReadOnlyDictionary<string, uint> encodingIds, TypeDictionaryModel dictionary)
    {
        if (!encodingIds.ContainsKey(s.Name))
        {
            throw new InvalidDataException($"NodeIds.csv has no {s.Name}_Encoding_DefaultBinary.");
        }

        var fields = s.Fields.Select(f =>
        {
            var property = f.Name == s.Name ? f.Name + "Value" : f.Name; // a member cannot share its class's name
            return (Property: property, Code: FieldMapping.Map(f, property, dictionary));
        }).ToList();

        w.Summary(s.Documentation ?? $"The {s.Name} structure (OPC 10000-4).");
        w.Open($"public sealed partial class {s.Name} : IEncodeable");
        w.Summary("The NodeId of the Default Binary encoding of this type.")
            .Line($"public static {TypesNamespace} EncodingId => new(ObjectIds.{s.Name}_Encoding_DefaultBinary);")
            .Line();
        w.Line("/// <inheritdoc />").Line($"public {TypesNamespace} BinaryEncodingId => EncodingId;");
        foreach (var (property, code) in fields)
        {
            w.Line().Summary($"The {property} field.").Line($"public {code.PropertyType} {property} {{ get; set; }}{code.Initializer}");
        }

        w.Line().Line("/// <inheritdoc />").Open("public void Encode(ref OpcUaBinaryWriter writer)");
        foreach (var (_, code) in fields)
        {
            w.Line(code.Write);
        }

        w.Close().Line().Line("/// <inheritdoc />").Open("public void Decode(ref OpcUaBinaryReader reader)");
        foreach (var (property, code) in fields)
        {
            w.Line($"{property} = {code.Read};");
        }

        w.Close().Close();
    }
}
