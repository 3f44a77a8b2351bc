using DataBridge.CodeGen.Emit;
using DataBridge.CodeGen.Model;
using DataBridge.CodeGen.Parsing;

namespace DataBridge.CodeGen;

/// <summary>Parse → model → emit: turns the OPC UA spec data in ../shared/opcua into the committed Generated/ files.</summary>
public static class Generator
{
    /// <summary>Every generated file, in a stable order, with repository-relative paths.</summary>
    public static IReadOnlyList<GeneratedFile> Generate(string sharedDirectory)
    {
        var model = BuildModel(sharedDirectory);
        var files = new List<GeneratedFile>();
        files.AddRange(StatusCodesEmitter.Emit(model.StatusCodes));
        files.Add(IdsEmitter.Attributes(model.Attributes));
        files.AddRange(IdsEmitter.NodeIds(model.NodeIdClasses));
        files.AddRange(UnitsEmitter.Emit(model.Units));
        files.AddRange(model.Enums.Select(EnumEmitter.Emit));
        foreach (var (group, structures) in model.StructureGroups)
        {
            files.Add(StructureEmitter.Emit(group, structures, model.EncodingIds, model.Dictionary));
        }

        files.Add(RegistryEmitter.Emit(model.StructureGroups.SelectMany(g => g.Structures)));
        return files;
    }

    /// <summary>The folders the generator owns (relative to the repository root), for stale-file checks.</summary>
    public static IReadOnlyList<string> OutputFolders { get; } = ["src/Core/DataBridge.Core/Generated/", IdsEmitter.Folder];

    private static GenerationModel BuildModel(string shared)
    {
        string PathOf(string file)
        {
            var path = Path.Combine(shared, file);
            return File.Exists(path) ? path : throw new FileNotFoundException($"{file} not found in {shared}; pass --shared <path to shared/opcua>.", path);
        }

        var dictionary = TypeDictionaryParser.Parse(PathOf("Opc.Ua.Types.bsd"));
        var (groups, enums) = TypeClosure.Compute(dictionary);
        var structureNames = groups.SelectMany(g => g.Structures).Select(s => s.Name).ToList();
        var allIds = CsvParsers.NodeIds(PathOf("NodeIds.csv"));
        var classes = NodeIdSelection.Select(allIds, structureNames, enums.Select(e => e.Name));
        var encodingIds = classes["ObjectIds"]
            .Where(r => r.Name.EndsWith("_Encoding_DefaultBinary", StringComparison.Ordinal))
            .ToDictionary(r => r.Name[..^"_Encoding_DefaultBinary".Length], r => r.Id, StringComparer.Ordinal);

        return new GenerationModel(
            CsvParsers.StatusCodes(PathOf("StatusCode.csv")),
            CsvParsers.AttributeIds(PathOf("AttributeIds.csv")),
            CsvParsers.Units(PathOf("UNECE_to_OPCUA.csv")),
            groups,
            enums,
            classes,
            encodingIds,
            dictionary);
    }
}
