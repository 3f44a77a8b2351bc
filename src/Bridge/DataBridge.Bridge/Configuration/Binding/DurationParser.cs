using System.Globalization;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>
/// Parses durations written as one or more number+unit parts: <c>250ms</c>, <c>1s</c>, <c>1.5s</c>, <c>5m</c>,
/// <c>1h30m</c>; a bare <c>0</c> is zero (where a key allows zero, e.g. an OPC UA <c>samplingInterval</c>).
/// </summary>
internal static class DurationParser
{
    public const string Help = "write a number with a unit: ms, s, m or h (e.g. 250ms, 1s, 5m, 1h30m)";

    public static bool TryParse(string text, out TimeSpan value, out string? problem)
    {
        value = TimeSpan.Zero;
        problem = null;
        var s = text.Trim();
        if (s.Length == 0)
        {
            problem = "is empty";
            return false;
        }

        // Zero is zero in every unit, so it needs none ('samplingInterval: 0' = as fast as the server can).
        if (double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plain) && plain == 0)
        {
            return true;
        }

        double totalMs = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start)
            {
                problem = s[0] == '-' ? "is negative" : "does not start with a number";
                return false;
            }

            if (!double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                problem = "has a malformed number";
                return false;
            }

            while (i < s.Length && s[i] == ' ')
            {
                i++;
            }

            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            var unit = s[unitStart..i];
            double factor = unit switch
            {
                "ms" => 1,
                "s" => 1000,
                "m" => 60_000,
                "h" => 3_600_000,
                _ => double.NaN,
            };
            if (unit.Length == 0)
            {
                problem = "has no unit";
                return false;
            }

            if (double.IsNaN(factor))
            {
                problem = $"has the unknown unit '{unit}'";
                return false;
            }

            totalMs += number * factor;
            while (i < s.Length && s[i] == ' ')
            {
                i++;
            }
        }

        // A day is far beyond any poll or heartbeat period and keeps TimeSpan arithmetic safe.
        if (totalMs > TimeSpan.FromDays(1).TotalMilliseconds)
        {
            problem = "is longer than a day";
            return false;
        }

        value = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }
}
