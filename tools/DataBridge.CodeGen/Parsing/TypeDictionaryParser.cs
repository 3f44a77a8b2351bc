using System.Globalization;
using System.Xml.Linq;
using DataBridge.CodeGen.Model;

namespace DataBridge.CodeGen.Parsing;

/// <summary>Reads Opc.Ua.Types.bsd (OPC Binary type dictionary, Part 3 Annex C / Part 6 Annex B).</summary>
internal static class TypeDictionaryParser
{
    private static readonly XNamespace Opc = "http://opcfoundation.org/BinarySchema/";

    public static TypeDictionaryModel Parse(string path)
    {
        var root = XDocument.Load(path).Root ?? throw new InvalidDataException($"{path} has no root element.");
        var structures = new Dictionary<string, StructureModel>(StringComparer.Ordinal);
        foreach (var element in root.Elements(Opc + "StructuredType"))
        {
            var fields = new List<FieldModel>();
            var lengthFields = new HashSet<string>(
                element.Elements(Opc + "Field").Select(f => (string?)f.Attribute("LengthField")).OfType<string>(), StringComparer.Ordinal);
            foreach (var field in element.Elements(Opc + "Field"))
            {
                var name = (string)field.Attribute("Name")!;
                if (lengthFields.Contains(name))
                {
                    continue; // the NoOfX count is written by the array encoding itself
                }

                if (field.Attribute("SwitchField") is not null)
                {
                    fields.Add(new FieldModel(name, "unsupported:switch", false));
                    continue;
                }

                fields.Add(new FieldModel(name, (string)field.Attribute("TypeName")!, field.Attribute("LengthField") is not null));
            }

            var structName = (string)element.Attribute("Name")!;
            structures[structName] = new StructureModel(structName, (string?)element.Attribute("BaseType"), Doc(element), fields);
        }

        var enums = new Dictionary<string, EnumModel>(StringComparer.Ordinal);
        foreach (var element in root.Elements(Opc + "EnumeratedType"))
        {
            var values = element.Elements(Opc + "EnumeratedValue")
                .Select(v => new EnumValueModel((string)v.Attribute("Name")!, long.Parse((string)v.Attribute("Value")!, CultureInfo.InvariantCulture), Doc(v)))
                .ToList();
            var name = (string)element.Attribute("Name")!;
            enums[name] = new EnumModel(
                name,
                int.Parse((string?)element.Attribute("LengthInBits") ?? "32", CultureInfo.InvariantCulture),
                string.Equals((string?)element.Attribute("IsOptionSet"), "true", StringComparison.OrdinalIgnoreCase),
                Doc(element),
                values);
        }

        return new TypeDictionaryModel(structures, enums);
    }

    private static string? Doc(XElement element) => element.Element(Opc + "Documentation")?.Value.Trim();
}
