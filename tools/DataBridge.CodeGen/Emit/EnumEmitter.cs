using System.Globalization;
using DataBridge.CodeGen.Model;

namespace DataBridge.CodeGen.Emit;

/// <summary>One file per enumeration (small, and easy to find by name).</summary>
internal static class EnumEmitter
{
    public static GeneratedFile Emit(EnumModel e)
    {
        var w = new CodeWriter("Opc.Ua.Types.bsd", IdsEmitter.Namespace);
        w.Summary(e.Documentation ?? $"The {e.Name} enumeration (OPC 10000-4/-5).");
        if (e.IsOptionSet)
        {
            w.Line("[Flags]");
        }

        w.Open($"public enum {e.Name} : {FieldMapping.WireType(e).Cast}");
        foreach (var v in e.Values)
        {
            w.Summary(v.Documentation ?? $"{v.Name}.");
            w.Line(string.Create(CultureInfo.InvariantCulture, $"{v.Name} = {v.Value},"));
        }

        return new GeneratedFile(IdsEmitter.Folder + e.Name + ".g.cs", w.Close().ToString());
    }
}
