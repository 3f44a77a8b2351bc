namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>
/// Checks unit codes against the UNECE Recommendation 20 shape (2-3 upper-case letters or digits). Until the
/// generated UNECE table lands, a unit that does not fit is a warning with a hint for the most common symbols.
/// </summary>
internal static class UnitCodes
{
    // Hints only (symbol → code from UNECE_to_OPCUA.csv), so a user who writes the symbol learns the code.
    private static readonly Dictionary<string, string> CommonSymbols = new(StringComparer.Ordinal)
    {
        ["°C"] = "CEL", ["degC"] = "CEL", ["C"] = "CEL", ["°F"] = "FAH", ["K"] = "KEL", ["%"] = "P1",
        ["bar"] = "BAR", ["Pa"] = "PAL", ["kPa"] = "KPA", ["W"] = "WTT", ["kW"] = "KWT", ["rpm"] = "RPM",
        ["mm"] = "MMT", ["m"] = "MTR", ["s"] = "SEC", ["min"] = "MIN", ["h"] = "HUR", ["A"] = "AMP",
        ["V"] = "VLT", ["Hz"] = "HTZ", ["kg"] = "KGM", ["l"] = "LTR", ["l/min"] = "L2", ["m3/h"] = "MQH",
        ["Nm"] = "NU", ["km/h"] = "KMH",
    };

    /// <summary>Null when the code looks like a UNECE code, else a warning text.</summary>
    public static string? Check(string unit)
    {
        if (unit.Length is 2 or 3 && unit.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            return null;
        }

        var hint = CommonSymbols.TryGetValue(unit, out var code) || CommonSymbols.TryGetValue(unit.ToLowerInvariant(), out code)
            ? $"; for '{unit}' write {code}"
            : "; e.g. CEL for °C, P1 for %, BAR for bar, KWT for kW";
        return $"unit '{unit}' is not a UNECE code (2-3 upper-case letters or digits){hint}";
    }
}
