using System.Globalization;
using DataBridge.CodeGen.Model;

namespace DataBridge.CodeGen.Emit;

/// <summary>StatusCodes (constants) and StatusCodeNames (code → name table) for DataBridge.Core.</summary>
internal static class StatusCodesEmitter
{
    private const string Folder = "src/Core/DataBridge.Core/Generated/";

    public static IEnumerable<GeneratedFile> Emit(IReadOnlyList<StatusCodeEntry> codes)
    {
        var constants = new CodeWriter("StatusCode.csv", "DataBridge.Core");
        constants.Summary("The OPC UA status codes (Part 4 §7.39, Part 6 Annex A).").Open("public static class StatusCodes");
        foreach (var code in codes)
        {
            constants.Summary(code.Description.Length > 0 ? code.Description : code.Name);
            constants.Line(string.Create(CultureInfo.InvariantCulture, $"public const uint {code.Name} = 0x{code.Code:X8};"));
        }

        constants.Close();
        yield return new GeneratedFile(Folder + "StatusCodes.g.cs", constants.ToString());

        var names = new CodeWriter("StatusCode.csv", "DataBridge.Core", "System.Collections.Frozen");
        names.Open("public static partial class StatusCodeNames");
        names.Open("private static readonly FrozenDictionary<uint, string> Names = new Dictionary<uint, string>");
        foreach (var code in codes)
        {
            names.Line(string.Create(CultureInfo.InvariantCulture, $"[0x{code.Code:X8}] = \"{code.Name}\","));
        }

        names.Close(".ToFrozenDictionary();");
        names.Close();
        yield return new GeneratedFile(Folder + "StatusCodeNames.g.cs", names.ToString());
    }
}
