namespace DataBridge.CodeGen.Model;

/// <summary>Everything the emitters need: the parsed spec data narrowed to what the client uses.</summary>
internal sealed record GenerationModel(
    IReadOnlyList<StatusCodeEntry> StatusCodes,
    IReadOnlyList<AttributeEntry> Attributes,
    IReadOnlyList<UnitEntry> Units,
    IReadOnlyList<(string Group, IReadOnlyList<StructureModel> Structures)> StructureGroups,
    IReadOnlyList<EnumModel> Enums,
    IReadOnlyDictionary<string, IReadOnlyList<NodeIdEntry>> NodeIdClasses,
    IReadOnlyDictionary<string, uint> EncodingIds,
    TypeDictionaryModel Dictionary);
