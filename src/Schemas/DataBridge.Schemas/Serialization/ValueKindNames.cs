using System.Text;
using DataBridge.Core;

namespace DataBridge.Schemas.Serialization;

/// <summary>
/// The <see cref="ValueKind"/> names written as <c>valueType</c>/<c>dataType</c>, pre-encoded as UTF-8 so the
/// hot path neither calls <c>Enum.ToString</c> nor allocates.
/// </summary>
internal static class ValueKindNames
{
    private static readonly string[] Names = Enum.GetNames<ValueKind>();
    private static readonly ValueKind[] Values = Enum.GetValues<ValueKind>();
    private static readonly byte[][] Utf8 = Array.ConvertAll(Names, n => Encoding.UTF8.GetBytes(n));

    public static string Name(ValueKind kind) => Names[IndexOf(kind)];

    public static ReadOnlySpan<byte> Utf8Name(ValueKind kind) => Utf8[IndexOf(kind)];

    public static bool TryParse(ReadOnlySpan<byte> utf8, out ValueKind kind)
    {
        for (var i = 0; i < Utf8.Length; i++)
        {
            if (utf8.SequenceEqual(Utf8[i]))
            {
                kind = Values[i];
                return true;
            }
        }

        kind = default;
        return false;
    }

    private static int IndexOf(ValueKind kind)
    {
        // ValueKind is dense from 0 (Null) to DateTime; anything else is a caller bug.
        var i = (int)kind;
        return i < Values.Length && Values[i] == kind
            ? i
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a ValueKind this schema knows.");
    }
}
