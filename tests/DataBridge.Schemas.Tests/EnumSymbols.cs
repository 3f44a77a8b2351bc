using System.Text;

namespace DataBridge.Schemas.Tests;

/// <summary>C# member name → Avro symbol: BufferOverflow → buffer_overflow.</summary>
internal static class EnumSymbols
{
    public static string ToSymbol<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
