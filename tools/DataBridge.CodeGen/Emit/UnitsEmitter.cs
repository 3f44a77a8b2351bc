using System.Globalization;
using DataBridge.CodeGen.Model;

namespace DataBridge.CodeGen.Emit;

/// <summary>The UNECE Recommendation 20 unit table (code → OPC UA UnitId, display name, description; Part 8 §5.6.3), split into chunks.</summary>
internal static class UnitsEmitter
{
    private const int ChunkSize = 400;

    // In DataBridge.Core, not the OPC UA connector: the configuration kernel checks `unit:` codes against it and the
    // connector reads EUInformation with it, and neither depends on the other.
    private const string Folder = "src/Core/DataBridge.Core/Generated/";
    private const string Namespace = "DataBridge.Core";

    public static IEnumerable<GeneratedFile> Emit(IReadOnlyList<UnitEntry> units)
    {
        var type = new CodeWriter("UNECE_to_OPCUA.csv", Namespace);
        type.Summary("A UNECE unit as OPC UA's EUInformation carries it (Part 8 §5.6.3).").Open("public readonly record struct UneceUnit");
        type.Summary("Creates a unit.").Open("public UneceUnit(string code, int unitId, string displayName, string description)")
            .Line("Code = code;").Line("UnitId = unitId;").Line("DisplayName = displayName;").Line("Description = description;").Close().Line();
        type.Summary("The UNECE common code, e.g. CEL.").Line("public string Code { get; }").Line();
        type.Summary("The OPC UA UnitId (the code's characters packed into an Int32).").Line("public int UnitId { get; }").Line();
        type.Summary("The symbol, e.g. °C.").Line("public string DisplayName { get; }").Line();
        type.Summary("The name, e.g. degree Celsius.").Line("public string Description { get; }");
        yield return new GeneratedFile(Folder + "UneceUnit.g.cs", type.Close().ToString());

        var chunks = units.Chunk(ChunkSize).ToArray();
        var lookup = new CodeWriter("UNECE_to_OPCUA.csv", Namespace, "System.Collections.Frozen");
        lookup.Summary("The UNECE units, to validate `unit:` codes in configurations and to describe EUInformation.").Open("public static partial class UneceUnits");
        lookup.Summary("The NamespaceUri of EUInformation for UNECE units.").Line("public const string NamespaceUri = \"http://www.opcfoundation.org/UA/units/un/cefact\";").Line();
        lookup.Line("private static readonly UneceUnit[] All = [");
        for (var i = 0; i < chunks.Length; i++)
        {
            lookup.Line(string.Create(CultureInfo.InvariantCulture, $"    .. Table{i + 1}(),"));
        }

        lookup.Line("];").Line();
        lookup.Line("private static readonly FrozenDictionary<string, UneceUnit> ByCode = Index(static u => u.Code, StringComparer.Ordinal);").Line();
        lookup.Line("private static readonly FrozenDictionary<int, UneceUnit> ById = Index(static u => u.UnitId, EqualityComparer<int>.Default);").Line();
        lookup.Summary("Number of units in the table.").Line("public static int Count => ByCode.Count;").Line();
        lookup.Summary("Finds a unit by its UNECE code (case-sensitive, e.g. CEL, KGM).")
            .Line("public static bool TryGet(string code, out UneceUnit unit) => ByCode.TryGetValue(code, out unit);").Line();
        lookup.Summary("Finds a unit by the UnitId of an EUInformation.")
            .Line("public static bool TryGetByUnitId(int unitId, out UneceUnit unit) => ById.TryGetValue(unitId, out unit);").Line();
        lookup.Open("private static FrozenDictionary<TKey, UneceUnit> Index<TKey>(Func<UneceUnit, TKey> key, IEqualityComparer<TKey> comparer) where TKey : notnull")
            .Line("var map = new Dictionary<TKey, UneceUnit>(comparer);")
            .Open("foreach (var unit in All)").Line("map.TryAdd(key(unit), unit);").Close()
            .Line()
            .Line("return map.ToFrozenDictionary(comparer);")
            .Close();
        yield return new GeneratedFile(Folder + "UneceUnits.g.cs", lookup.Close().ToString());

        for (var i = 0; i < chunks.Length; i++)
        {
            var w = new CodeWriter("UNECE_to_OPCUA.csv", Namespace);
            w.Open("public static partial class UneceUnits");
            w.Line(string.Create(CultureInfo.InvariantCulture, $"private static UneceUnit[] Table{i + 1}() =>"));
            w.Line("[");
            foreach (var u in chunks[i])
            {
                w.Line(string.Create(CultureInfo.InvariantCulture,
                    $"    new({CodeWriter.Literal(u.Code)}, {u.UnitId}, {CodeWriter.Literal(u.DisplayName)}, {CodeWriter.Literal(u.Description)}),"));
            }

            w.Line("];");
            yield return new GeneratedFile(Folder + string.Create(CultureInfo.InvariantCulture, $"UneceUnits.Table{i + 1}.g.cs"), w.Close().ToString());
        }
    }
}
