using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>Reading EUInformation (Part 8 §5.6.3) as DataBridge's units: UNECE Recommendation 20 codes.</summary>
public static class EngineeringUnits
{
    /// <summary>The UNECE code (e.g. <c>CEL</c>) of an EUInformation whose UnitId is a UNECE unit, else null.</summary>
    public static string? UneceCode(EUInformation? units) =>
        units is not null && UneceUnits.TryGetByUnitId(units.UnitId, out var unit) ? unit.Code : null;

    /// <summary>The display name (symbol) and description of a UNECE code (e.g. <c>CEL</c>: <c>°C</c>, <c>degree Celsius</c>).</summary>
    public static bool TryDescribeUnece(string code, out string displayName, out string description)
    {
        if (UneceUnits.TryGet(code, out var unit))
        {
            displayName = unit.DisplayName;
            description = unit.Description;
            return true;
        }

        displayName = description = string.Empty;
        return false;
    }

    /// <summary>Symbol and code for listings, e.g. <c>°C (CEL)</c>.</summary>
    public static string Describe(EUInformation? units)
    {
        if (units is null)
        {
            return string.Empty;
        }

        var code = UneceCode(units);
        var symbol = units.DisplayName.Text;
        return (symbol, code) switch
        {
            ({ Length: > 0 }, not null) => $"{symbol} ({code})",
            ({ Length: > 0 }, null) => symbol,
            (_, not null) => code,
            _ => string.Empty,
        };
    }
}
