namespace DataBridge.CodeGen.Model;

/// <summary>A field of a structured type in Opc.Ua.Types.bsd; <see cref="IsArray"/> when it had a LengthField.</summary>
internal sealed record FieldModel(string Name, string TypeName, bool IsArray);

/// <summary>A structured type of Opc.Ua.Types.bsd (the NoOf… length fields are folded into their arrays).</summary>
internal sealed record StructureModel(string Name, string? BaseType, string? Documentation, IReadOnlyList<FieldModel> Fields);

/// <summary>A value of an enumerated type.</summary>
internal sealed record EnumValueModel(string Name, long Value, string? Documentation);

/// <summary>An enumerated type (or option set) of Opc.Ua.Types.bsd.</summary>
internal sealed record EnumModel(string Name, int LengthInBits, bool IsOptionSet, string? Documentation, IReadOnlyList<EnumValueModel> Values);

/// <summary>The parsed type dictionary.</summary>
internal sealed record TypeDictionaryModel(IReadOnlyDictionary<string, StructureModel> Structures, IReadOnlyDictionary<string, EnumModel> Enums);
