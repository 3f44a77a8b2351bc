using System.Globalization;
using System.Text;
using DataBridge.Connectors.OpcUa.Encoding.Types;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>Short, human-readable text of values for listings (not a serialisation format).</summary>
public static class ValueText
{
    /// <summary>The value of a DataValue, shortened to <paramref name="maxLength"/> characters; Bad status shown by name.</summary>
    public static string Format(DataValue? value, int maxLength = 40)
    {
        if (value is not { } dv)
        {
            return string.Empty;
        }

        if (dv.Status.IsBad)
        {
            return dv.Status.Name;
        }

        var text = Format(dv.Value);
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, Math.Max(0, maxLength - 1)), "…");
    }

    /// <summary>The text of a Variant: scalars as invariant text, arrays as <c>[n] a, b, c…</c>.</summary>
    public static string Format(Variant variant)
    {
        if (variant.IsNull)
        {
            return "null";
        }

        if (variant.ArrayValue is { } array)
        {
            var sb = new StringBuilder();
            sb.Append('[').Append(array.Length.ToString(CultureInfo.InvariantCulture)).Append(']');
            for (var i = 0; i < array.Length && i < 4; i++)
            {
                sb.Append(i == 0 ? " " : ", ").Append(Scalar(array.GetValue(i)));
            }

            if (array.Length > 4)
            {
                sb.Append(", …");
            }

            return sb.ToString();
        }

        return Scalar(variant.Value);
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        byte[] b => "0x" + Convert.ToHexString(b.AsSpan(0, Math.Min(b.Length, 16))) + (b.Length > 16 ? "…" : string.Empty),
        bool b => b ? "true" : "false",
        LocalizedText t => t.Text ?? string.Empty,
        ExtensionObject e => e.Decoded?.GetType().Name ?? $"ExtensionObject {e.TypeId}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
