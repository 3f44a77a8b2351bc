using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Configuration.Binding;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Configuration;

namespace DataBridge.Bridge.Tests.Configuration;

public class ValueParserTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("1s", 1000)]
    [InlineData("1.5s", 1500)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("0", 0)]
    [InlineData("0.0", 0)]
    [InlineData("0ms", 0)]
    public void Duration_parses_number_unit_parts(string text, double ms)
    {
        Assert.True(DurationParser.TryParse(text, out var value, out _));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), value);
    }

    [Theory]
    [InlineData("250", "has no unit")]
    [InlineData("-1s", "is negative")]
    [InlineData("5 min", "has the unknown unit 'min'")]
    [InlineData("2d", "has the unknown unit 'd'")]
    [InlineData("25h", "is longer than a day")]
    [InlineData("1..2s", "has a malformed number")]
    public void Duration_rejects_malformed_text_with_the_reason(string text, string problem)
    {
        Assert.False(DurationParser.TryParse(text, out _, out var actual));
        Assert.Equal(problem, actual);
    }

    [Theory]
    [InlineData("holding:100", ModbusTable.HoldingRegister, 100, -1)]
    [InlineData("input:0", ModbusTable.InputRegister, 0, -1)]
    [InlineData("coil:65535", ModbusTable.Coil, 65535, -1)]
    [InlineData("discrete:12", ModbusTable.DiscreteInput, 12, -1)]
    [InlineData("holding:105.3", ModbusTable.HoldingRegister, 105, 3)]
    [InlineData("HOLDING:7.15", ModbusTable.HoldingRegister, 7, 15)]
    [InlineData("40001", ModbusTable.HoldingRegister, 0, -1)]
    [InlineData("30010", ModbusTable.InputRegister, 9, -1)]
    [InlineData("00001", ModbusTable.Coil, 0, -1)]
    [InlineData("10002", ModbusTable.DiscreteInput, 1, -1)]
    [InlineData("465536", ModbusTable.HoldingRegister, 65535, -1)]
    public void Modbus_address_forms_map_to_table_and_zero_based_address(string text, ModbusTable table, int address, int bit)
    {
        Assert.True(ModbusAddress.TryParse(text, out var a, out var problem), problem);
        Assert.Equal(new ModbusAddress(table, (ushort)address, bit), a);
    }

    [Theory]
    [InlineData("holding:65536", "the address must be a whole number from 0 to 65535")]
    [InlineData("holding:-1", "the address must be a whole number from 0 to 65535")]
    [InlineData("holding:1.16", "the bit index after '.' must be 0 to 15")]
    [InlineData("coil:1.2", "coils and discrete inputs are single bits and take no bit index")]
    [InlineData("100", "it has no table")]
    [InlineData("50001", "a 5- or 6-digit address must start with 0 (coil), 1 (discrete), 3 (input) or 4 (holding)")]
    [InlineData("40000", "the register number after the table digit must be from 1 to 65536 (it is 1-based)")]
    public void Modbus_address_rejects_malformed_text_with_the_reason(string text, string problem)
    {
        Assert.False(ModbusAddress.TryParse(text, out _, out var actual));
        Assert.Equal(problem, actual);
    }

    [Fact]
    public void Scaling_from_ranges_maps_the_raw_range_onto_the_engineering_range()
    {
        var s = Scaling.FromRanges(4000, 20000, 0, 100);
        Assert.Equal(0, s.Apply(4000), 9);
        Assert.Equal(50, s.Apply(12000), 9);
        Assert.Equal(100, s.Apply(20000), 9);
        Assert.True(Scaling.Identity.IsIdentity);
        Assert.False(s.IsIdentity);
    }

    [Theory]
    [InlineData("adress", "address")]
    [InlineData("pollgroup", "pollGroup")]
    [InlineData("tpye", "type")]
    [InlineData("descripton", "description")]
    [InlineData("zzz", null)]
    public void Suggestion_finds_the_key_a_typo_was_meant_to_be(string typo, string? expected)
    {
        Assert.Equal(expected, Suggestions.Closest(typo, ModbusTagSpec.Keys));
    }

    [Fact]
    public void Source_location_formats_as_file_line_column()
    {
        Assert.Equal("a.yaml:3:7", new SourceLocation("a.yaml", 3, 7).ToString());
        Assert.Equal("a.yaml:3:7: warning: x", new ConfigurationError("a.yaml", 3, 7, "x", ConfigurationSeverity.Warning).ToString());
    }
}
