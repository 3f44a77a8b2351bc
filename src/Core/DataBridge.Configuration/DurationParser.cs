using System.Globalization;

namespace DataBridge.Configuration;

/// <summary>
/// The one duration dialect of DataBridge configurations (docs/configuration.md, "Durations"): one or more
/// number+unit parts, <c>250ms</c>, <c>1s</c>, <c>1.5s</c>, <c>15m</c>, <c>8h</c>, <c>1h30m</c>, <c>1m 30s</c>; units
/// <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> (upper case accepted); a bare <c>0</c> is zero everywhere. A bare non-zero
/// number (<c>90</c>) is ambiguous in the bridge (milliseconds or seconds?) and refused there; the KPI model reads it
/// as seconds (<see cref="DurationRules.BareNumberIsSeconds"/>), as it always has.
/// </summary>
public static class DurationParser
{
    /// <summary>The advice appended to a duration problem.</summary>
    public const string Help = "write a number with a unit: ms, s, m or h (e.g. 250ms, 1s, 5m, 1h30m)";

    /// <summary>Parses with the bridge's rules: no bare numbers other than 0, at most a day.</summary>
    public static bool TryParse(string text, out TimeSpan value, out string? problem) =>
        TryParse(text, DurationRules.Default, out value, out problem);

    /// <summary>Parses <paramref name="text"/>; false with <paramref name="problem"/> ("has no unit", "is negative", …) when it is not a duration.</summary>
    public static bool TryParse(string text, DurationRules rules, out TimeSpan value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(rules);
        value = TimeSpan.Zero;
        problem = null;
        var s = text.Trim();
        if (s.Length == 0)
        {
            problem = "is empty";
            return false;
        }

        // A bare number: zero is zero in every unit ('samplingInterval: 0' = as fast as the server can); any other
        // number needs a unit unless the rules read it as seconds.
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            if (plain == 0)
            {
                return true;
            }

            if (rules.BareNumberIsSeconds)
            {
                if (plain < 0)
                {
                    problem = "is negative";
                    return false;
                }

                return Within(plain * 1000, rules, out value, out problem);
            }
        }

        double totalMs = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.' || IsExponent(s, i, start)))
            {
                i += IsExponent(s, i, start) && i + 1 < s.Length && s[i + 1] is '+' or '-' ? 2 : 1;
            }

            if (i == start)
            {
                problem = s[0] == '-' ? "is negative" : "does not start with a number";
                return false;
            }

            if (!double.TryParse(s.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
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

            var unit = s.AsSpan(unitStart, i - unitStart);
            if (unit.Length == 0)
            {
                problem = "has no unit";
                return false;
            }

            var factor = Factor(unit);
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

        return Within(totalMs, rules, out value, out problem);
    }

    private static bool Within(double totalMs, DurationRules rules, out TimeSpan value, out string? problem)
    {
        value = TimeSpan.Zero;
        problem = null;
        if (double.IsNaN(totalMs) || totalMs > rules.Maximum.TotalMilliseconds)
        {
            problem = rules.Maximum == TimeSpan.FromDays(1) ? "is longer than a day" : $"is longer than {rules.MaximumText}";
            return false;
        }

        value = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }

    /// <summary>An 'e' inside a number (1e3s) is an exponent when a digit (or sign and digit) follows it.</summary>
    private static bool IsExponent(string s, int i, int start) =>
        i > start && s[i] is 'e' or 'E' && i + 1 < s.Length
        && (char.IsAsciiDigit(s[i + 1]) || (s[i + 1] is '+' or '-' && i + 2 < s.Length && char.IsAsciiDigit(s[i + 2])));

    private static double Factor(ReadOnlySpan<char> unit) =>
        unit.Equals("ms", StringComparison.OrdinalIgnoreCase) ? 1
        : unit.Equals("s", StringComparison.OrdinalIgnoreCase) ? 1000
        : unit.Equals("m", StringComparison.OrdinalIgnoreCase) ? 60_000
        : unit.Equals("h", StringComparison.OrdinalIgnoreCase) ? 3_600_000
        : double.NaN;
}
