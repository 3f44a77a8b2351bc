using DataBridge.CodeGen.Model;

namespace DataBridge.CodeGen.Emit;

/// <summary>How a bsd field becomes a C# property and its read/write calls on OpcUaBinaryReader/Writer.</summary>
internal sealed record FieldCode(string PropertyType, string? Initializer, string Read, string Write);

/// <summary>Maps bsd type names (opc:, ua:, tns:) to C#.</summary>
internal static class FieldMapping
{
    // bsd name → (C# type, reader/writer method suffix)
    private static readonly Dictionary<string, (string Type, string Method)> BuiltIns = new(StringComparer.Ordinal)
    {
        ["opc:Boolean"] = ("bool", "Boolean"), ["opc:SByte"] = ("sbyte", "SByte"), ["opc:Byte"] = ("byte", "Byte"),
        ["opc:Int16"] = ("short", "Int16"), ["opc:UInt16"] = ("ushort", "UInt16"), ["opc:Int32"] = ("int", "Int32"),
        ["opc:UInt32"] = ("uint", "UInt32"), ["opc:Int64"] = ("long", "Int64"), ["opc:UInt64"] = ("ulong", "UInt64"),
        ["opc:Float"] = ("float", "Float"), ["opc:Double"] = ("double", "Double"), ["opc:String"] = ("string?", "String"),
        ["opc:CharArray"] = ("string?", "String"), ["opc:DateTime"] = ("DateTime", "DateTime"), ["opc:Guid"] = ("Guid", "Guid"),
        ["opc:ByteString"] = ("byte[]?", "ByteString"), ["ua:XmlElement"] = ("string?", "XmlElement"), ["ua:NodeId"] = ("NodeId", "NodeId"),
        ["ua:ExpandedNodeId"] = ("ExpandedNodeId", "ExpandedNodeId"), ["ua:StatusCode"] = ("StatusCode", "StatusCode"),
        ["ua:QualifiedName"] = ("QualifiedName", "QualifiedName"), ["ua:LocalizedText"] = ("LocalizedText", "LocalizedText"),
        ["ua:ExtensionObject"] = ("ExtensionObject", "ExtensionObject"), ["ua:DataValue"] = ("DataValue", "DataValue"),
        ["ua:Variant"] = ("Variant", "Variant"), ["ua:DiagnosticInfo"] = ("DiagnosticInfo?", "DiagnosticInfo"),
    };

    public static FieldCode Map(FieldModel field, string property, TypeDictionaryModel dictionary)
    {
        var p = property;
        if (BuiltIns.TryGetValue(field.TypeName, out var b))
        {
            return field.IsArray
                ? new FieldCode($"{b.Type}[]?", null, $"reader.Read{b.Method}Array(\"{p}\")", $"writer.Write{b.Method}Array({p});")
                : new FieldCode(b.Type, null, $"reader.Read{b.Method}(\"{p}\")", $"writer.Write{b.Method}({p});");
        }

        var name = field.TypeName.StartsWith("tns:", StringComparison.Ordinal)
            ? field.TypeName[4..]
            : throw new NotSupportedException($"Field type {field.TypeName} is not supported.");
        if (dictionary.Enums.TryGetValue(name, out var e))
        {
            var (wire, cast) = WireType(e);
            var size = e.LengthInBits / 8;
            return field.IsArray
                ? new FieldCode($"{name}[]?", null,
                    $"reader.ReadArray(static (ref OpcUaBinaryReader r) => ({name})r.Read{wire}(), {size}, \"{p}\")",
                    $"writer.WriteArray({p}, static (ref OpcUaBinaryWriter w, {name} v) => w.Write{wire}(({cast})v));")
                : new FieldCode(name, null, $"({name})reader.Read{wire}(\"{p}\")", $"writer.Write{wire}(({cast}){p});");
        }

        return field.IsArray
            ? new FieldCode($"{name}[]?", null, $"reader.ReadEncodeableArray<{name}>(\"{p}\")", $"writer.WriteEncodeableArray({p});")
            : new FieldCode(name, " = new();", $"reader.ReadEncodeable<{name}>(\"{p}\")", $"writer.WriteEncodeable({p});");
    }

    /// <summary>The wire type of an enumeration: Int32 for enumerations, unsigned of the declared width for option sets (Part 6 §5.2.4).</summary>
    public static (string Method, string Cast) WireType(EnumModel e) => (e.IsOptionSet, e.LengthInBits) switch
    {
        (false, _) => ("Int32", "int"),
        (true, 8) => ("Byte", "byte"),
        (true, 16) => ("UInt16", "ushort"),
        (true, 64) => ("UInt64", "ulong"),
        _ => ("UInt32", "uint"),
    };
}
