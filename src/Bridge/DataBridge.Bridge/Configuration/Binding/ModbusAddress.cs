using System.Globalization;
using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>
/// A parsed Modbus address: <c>table:N</c> or <c>table:N.bit</c> with a 0-based protocol address
/// (<c>coil</c>, <c>discrete</c>, <c>input</c>, <c>holding</c>), or the traditional 1-based 5/6-digit form
/// (<c>40001</c> = holding 0, <c>300010</c> = input 9; 0xxxx coils, 1xxxx discrete inputs).
/// </summary>
internal readonly record struct ModbusAddress(ModbusTable Table, ushort Address, int BitIndex)
{
    public const string Help = "write table:address with a 0-based address, e.g. holding:100, input:7, coil:0, discrete:12, or holding:105.3 for bit 3 of a register (also 40101-style 1-based addresses)";

    private static readonly KeyValuePair<string, ModbusTable>[] Tables =
    [
        new("coil", ModbusTable.Coil),
        new("discrete", ModbusTable.DiscreteInput),
        new("input", ModbusTable.InputRegister),
        new("holding", ModbusTable.HoldingRegister),
    ];

    internal static IReadOnlyList<string> TableNames { get; } = Tables.Select(t => t.Key).ToArray();

    public static bool TryParse(string text, out ModbusAddress address, out string? problem)
    {
        address = default;
        problem = null;
        var s = text.Trim();
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return TryParseNumeric(s, out address, out problem);
        }

        var tableName = s[..colon].Trim();
        ModbusTable? table = null;
        foreach (var t in Tables)
        {
            if (string.Equals(t.Key, tableName, StringComparison.OrdinalIgnoreCase))
            {
                table = t.Value;
            }
        }

        if (table is null)
        {
            problem = $"the table '{tableName}' is unknown{Suggestions.Hint(tableName, TableNames.ToList(), "tables")}";
            return false;
        }

        var rest = s[(colon + 1)..].Trim();
        var bit = -1;
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            if (!int.TryParse(rest.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out bit) || bit > 15)
            {
                problem = "the bit index after '.' must be 0 to 15";
                return false;
            }

            if (table is ModbusTable.Coil or ModbusTable.DiscreteInput)
            {
                problem = "coils and discrete inputs are single bits and take no bit index";
                return false;
            }

            rest = rest[..dot];
        }

        if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > ushort.MaxValue)
        {
            problem = "the address must be a whole number from 0 to 65535";
            return false;
        }

        address = new ModbusAddress(table.Value, (ushort)number, bit);
        return true;
    }

    private static bool TryParseNumeric(string s, out ModbusAddress address, out string? problem)
    {
        address = default;
        problem = null;
        if (s.Length is not (5 or 6) || !s.All(char.IsAsciiDigit))
        {
            problem = "it has no table";
            return false;
        }

        ModbusTable? table = s[0] switch
        {
            '0' => ModbusTable.Coil,
            '1' => ModbusTable.DiscreteInput,
            '3' => ModbusTable.InputRegister,
            '4' => ModbusTable.HoldingRegister,
            _ => null,
        };
        if (table is null)
        {
            problem = "a 5- or 6-digit address must start with 0 (coil), 1 (discrete), 3 (input) or 4 (holding)";
            return false;
        }

        // The traditional numbering is 1-based: 40001 is protocol address 0 of the holding registers.
        var number = int.Parse(s.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture);
        if (number < 1 || number > ushort.MaxValue + 1)
        {
            problem = "the register number after the table digit must be from 1 to 65536 (it is 1-based)";
            return false;
        }

        address = new ModbusAddress(table.Value, (ushort)(number - 1), -1);
        return true;
    }
}
