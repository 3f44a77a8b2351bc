using System.Globalization;
using DataBridge.CodeGen.Model;

namespace DataBridge.CodeGen.Parsing;

/// <summary>Readers of the spec's CSV files into model rows (file order kept, so output is deterministic).</summary>
internal static class CsvParsers
{
    public static IReadOnlyList<StatusCodeEntry> StatusCodes(string path) =>
        [.. Csv.ReadRows(path, hasHeader: false).Select(f => new StatusCodeEntry(
            f[0].Trim(), uint.Parse(f[1].Trim().AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture), f.Length > 2 ? f[2].Trim() : string.Empty))];

    public static IReadOnlyList<NodeIdEntry> NodeIds(string path) =>
        [.. Csv.ReadRows(path, hasHeader: false).Select(f => new NodeIdEntry(f[0].Trim(), uint.Parse(f[1], CultureInfo.InvariantCulture), f[2].Trim()))];

    public static IReadOnlyList<AttributeEntry> AttributeIds(string path) =>
        [.. Csv.ReadRows(path, hasHeader: false).Select(f => new AttributeEntry(f[0].Trim(), uint.Parse(f[1], CultureInfo.InvariantCulture)))];

    public static IReadOnlyList<UnitEntry> Units(string path) =>
        [.. Csv.ReadRows(path, hasHeader: true).Select(f => new UnitEntry(f[0].Trim(), int.Parse(f[1], CultureInfo.InvariantCulture), f[2], f[3]))];
}
