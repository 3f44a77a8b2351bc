using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>A Modbus tag as read from YAML, checked, but not yet bound to a source (asset path, poll group).</summary>
internal sealed record ModbusTagSpec(
    CommonTagFields Common,
    ModbusAddress Address,
    string AddressText,
    ModbusDataType DataType,
    ModbusByteOrder ByteOrder,
    int StringLength,
    ConfigScalar? PollGroup)
{
    /// <summary>For strings: <c>trim: end</c> (default) or <c>none</c>.</summary>
    public ModbusStringTrim StringTrim { get; init; }

    internal static readonly string[] Keys =
        ["name", "address", "type", "byteOrder", "length", "trim", "unit", "scale", "deadband", "heartbeat", "pollGroup", "description"];

    internal static readonly KeyValuePair<string, ModbusStringTrim>[] Trims =
    [
        new("end", ModbusStringTrim.End), new("none", ModbusStringTrim.None),
    ];

    internal static readonly KeyValuePair<string, ModbusDataType>[] Types =
    [
        new("bool", ModbusDataType.Bool), new("int16", ModbusDataType.Int16), new("uint16", ModbusDataType.UInt16),
        new("int32", ModbusDataType.Int32), new("uint32", ModbusDataType.UInt32), new("int64", ModbusDataType.Int64),
        new("uint64", ModbusDataType.UInt64), new("float32", ModbusDataType.Float32), new("float64", ModbusDataType.Float64),
        new("string", ModbusDataType.String),
    ];

    internal static readonly KeyValuePair<string, ModbusByteOrder>[] ByteOrders =
    [
        new("ABCD", ModbusByteOrder.ABCD), new("BADC", ModbusByteOrder.BADC), new("CDAB", ModbusByteOrder.CDAB), new("DCBA", ModbusByteOrder.DCBA),
    ];

    public string Name => Common.Name;

    /// <summary>Registers (or bits) occupied.</summary>
    public int Count => DataType switch
    {
        ModbusDataType.Bool or ModbusDataType.Int16 or ModbusDataType.UInt16 => 1,
        ModbusDataType.Int32 or ModbusDataType.UInt32 or ModbusDataType.Float32 => 2,
        ModbusDataType.Int64 or ModbusDataType.UInt64 or ModbusDataType.Float64 => 4,
        _ => StringLength,
    };

    /// <summary>Reads and checks one tag mapping; null when it has errors (all reported).</summary>
    public static ModbusTagSpec? Read(ConfigMapping map, string owner, Diagnostics d)
    {
        var nameHint = map.Find("name") is ConfigScalar { IsNull: false, IsSubstituted: false } n ? $"tag '{n.Value}'" : $"a tag of {owner}";
        var errorsBefore = d.ErrorCount;
        var r = new MappingReader(map, nameHint, Keys, d);
        var common = CommonTagFields.Read(r);

        ModbusAddress? address = null;
        var addressScalar = r.Scalar("address", "holding:100");
        if (addressScalar is not null)
        {
            if (ModbusAddress.TryParse(addressScalar.Value, out var a, out var problem))
            {
                address = a;
            }
            else
            {
                // The problem text may echo part of the value, so it is left out when the value came from the environment.
                var why = addressScalar.IsSubstituted ? "it is not an address" : problem;
                d.Error(addressScalar.Location, $"bad address {addressScalar.Quoted} in {r.Context}: {why}; {ModbusAddress.Help}");
            }
        }

        var isBit = address is { } ad && (ad.Table is ModbusTable.Coil or ModbusTable.DiscreteInput || ad.BitIndex >= 0);
        var type = r.Choice("type", Types, requiredExample: isBit ? null : "float32");
        if (type is null && isBit && !r.Has("type"))
        {
            type = ModbusDataType.Bool;
        }

        var byteOrder = r.Choice("byteOrder", ByteOrders) ?? ModbusByteOrder.ABCD;
        var length = r.Int("length", 1, 125);
        var trim = r.Choice("trim", Trims) ?? ModbusStringTrim.End;
        var deadband = r.Double("deadband", 0, "a number of engineering units, 0 or more (0 reports every change)");
        var pollGroup = r.Scalar("pollGroup");

        if (address is { } addr && type is { } t)
        {
            CheckTypeAgainstTable(r, addr, addressScalar!, t);
        }

        if (type is { } dt)
        {
            if (dt == ModbusDataType.String && length is null && !r.Has("length"))
            {
                d.Error(r.Location, $"missing required key 'length' in {r.Context}; add e.g. 'length: 8' (registers, two characters each)");
            }
            else if (dt != ModbusDataType.String && r.Has("length"))
            {
                d.Error(r.At("length"), $"'length' in {r.Context} applies only to type string; remove it");
            }

            if (dt != ModbusDataType.String && r.Has("trim"))
            {
                d.Error(r.At("trim"), $"'trim' in {r.Context} applies only to type string; remove it");
            }

            if (dt is ModbusDataType.Bool or ModbusDataType.String)
            {
                if (common?.ScaleLocation is { } sl)
                {
                    d.Error(sl, $"'scale' in {r.Context} applies only to numeric types, not {dt.ToString().ToLowerInvariant()}; remove it");
                }

                if (r.Has("deadband"))
                {
                    d.Error(r.At("deadband"), $"'deadband' in {r.Context} applies only to numeric types, not {dt.ToString().ToLowerInvariant()}; remove it");
                }
            }
        }

        if (common is null || address is null || type is null || d.ErrorCount != errorsBefore)
        {
            return null;
        }

        var spec = new ModbusTagSpec(common with { Deadband = deadband ?? 0 }, address.Value, addressScalar!.Value.Trim(), type.Value, byteOrder, length ?? 0, pollGroup) { StringTrim = trim };
        if (spec.Address.Address + spec.Count > ushort.MaxValue + 1)
        {
            d.Error(addressScalar.Location, $"{r.Context} at {spec.AddressText} needs {spec.Count} registers and runs past the last address 65535; correct the address or type");
            return null;
        }

        return spec;
    }

    private static void CheckTypeAgainstTable(MappingReader r, ModbusAddress addr, ConfigScalar addressScalar, ModbusDataType type)
    {
        var d = r.Diagnostics;
        var at = r.Has("type") ? r.At("type") : addressScalar.Location;
        if (addr.Table is ModbusTable.Coil or ModbusTable.DiscreteInput)
        {
            if (type != ModbusDataType.Bool)
            {
                d.Error(at, $"{addressScalar.Quoted} is a single bit, so {r.Context} must have type bool; to read a number use a register address (holding:N or input:N)");
            }
        }
        else if (addr.BitIndex >= 0)
        {
            if (type != ModbusDataType.Bool)
            {
                d.Error(at, $"{addressScalar.Quoted} names one bit of a register, so {r.Context} must have type bool; to read the whole register drop the '.{addr.BitIndex}'");
            }
        }
        else if (type == ModbusDataType.Bool)
        {
            d.Error(at, $"type bool in {r.Context} needs a coil, a discrete input or a bit of a register; write e.g. {addressScalar.Raw.Trim()}.0 for bit 0, or a numeric type such as uint16");
        }
    }
}
