using System.Globalization;

namespace DataBridge.Kpi.Model.Yaml;

/// <summary>Parses durations as written in the model: <c>90</c> (seconds), <c>2.5s</c>, <c>120ms</c>, <c>15m</c>, <c>8h</c>.</summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var t = text.Trim();
        double factor = 1;
        if (t.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
        {
            factor = 0.001;
            t = t[..^2];
        }
        else if (t.EndsWith('s') || t.EndsWith('S'))
        {
            t = t[..^1];
        }
        else if (t.EndsWith('m') || t.EndsWith('M'))
        {
            factor = 60;
            t = t[..^1];
        }
        else if (t.EndsWith('h') || t.EndsWith('H'))
        {
            factor = 3600;
            t = t[..^1];
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || double.IsInfinity(n))
        {
            return false;
        }

        value = TimeSpan.FromSeconds(n * factor);
        return true;
    }
}
