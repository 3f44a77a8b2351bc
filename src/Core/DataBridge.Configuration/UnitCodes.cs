using DataBridge.Core;

namespace DataBridge.Configuration;

/// <summary>
/// Checks <c>unit:</c> codes against the UNECE Recommendation 20 table that OPC UA publishes (UNECE_to_OPCUA.csv,
/// generated into <see cref="UneceUnits"/> in DataBridge.Core and shared with the OPC UA connector). A unit that is
/// not in the table is a warning, with a hint when the user wrote a symbol instead of the code.
/// </summary>
public static class UnitCodes
{
    // Hints only (symbol → code from UNECE_to_OPCUA.csv), for the symbols people write most; the table is
    // searched by symbol for the rest.
    private static readonly Dictionary<string, string> CommonSymbols = new(StringComparer.Ordinal)
    {
        ["°C"] = "CEL", ["degC"] = "CEL", ["C"] = "CEL", ["°F"] = "FAH", ["K"] = "KEL", ["%"] = "P1",
        ["bar"] = "BAR", ["Pa"] = "PAL", ["kPa"] = "KPA", ["W"] = "WTT", ["kW"] = "KWT", ["rpm"] = "RPM",
        ["mm"] = "MMT", ["m"] = "MTR", ["s"] = "SEC", ["min"] = "MIN", ["h"] = "HUR", ["A"] = "AMP",
        ["V"] = "VLT", ["Hz"] = "HTZ", ["kg"] = "KGM", ["l"] = "LTR", ["l/min"] = "L2", ["m3/h"] = "MQH",
        ["Nm"] = "NU", ["km/h"] = "KMH",
    };

    /// <summary>True when <paramref name="unit"/> is a code of the UNECE table (case-sensitive, e.g. CEL).</summary>
    public static bool IsKnown(string unit) => UneceUnits.TryGet(unit, out _);

    /// <summary>Null when the code is in the UNECE table, else a warning text; <paramref name="quoted"/> is the value as the message shows it.</summary>
    public static string? Check(string unit, string quoted)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (UneceUnits.TryGet(unit, out _))
        {
            return null;
        }

        var shaped = unit.Length is 2 or 3 && unit.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
        if (shaped)
        {
            return $"unit {quoted} is not in the UNECE Recommendation 20 table; check the code (e.g. CEL for °C, P1 for %, BAR for bar, KWT for kW)";
        }

        var hint = CommonSymbols.TryGetValue(unit, out var code) || CommonSymbols.TryGetValue(unit.ToLowerInvariant(), out code)
            ? $"; for {quoted} write {code}"
            : "; e.g. CEL for °C, P1 for %, BAR for bar, KWT for kW";
        return $"unit {quoted} is not a UNECE code (2-3 upper-case letters or digits){hint}";
    }
}
