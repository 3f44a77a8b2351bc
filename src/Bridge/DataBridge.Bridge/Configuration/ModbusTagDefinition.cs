using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Bridge.Configuration;

/// <summary>A tag read from a Modbus table at a 0-based protocol address.</summary>
public sealed class ModbusTagDefinition : TagDefinition
{
    /// <summary>The table (and so the read function code).</summary>
    public required ModbusTable Table { get; init; }

    /// <summary>0-based protocol address of the first register or bit.</summary>
    public required ushort Address { get; init; }

    /// <summary>Bit 0-15 inside a register for a <see cref="ModbusDataType.Bool"/> read from a register; -1 otherwise.</summary>
    public int BitIndex { get; init; } = -1;

    /// <summary>How the registers or bits are decoded.</summary>
    public required ModbusDataType DataType { get; init; }

    /// <summary>Byte and word order of multi-byte values; default ABCD.</summary>
    public ModbusByteOrder ByteOrder { get; init; } = ModbusByteOrder.ABCD;

    /// <summary>Length in registers of a <see cref="ModbusDataType.String"/> tag; 0 for other types.</summary>
    public int StringLength { get; init; }

    /// <summary>For strings: whether trailing spaces are removed (<c>trim: end</c>, the default) or kept (<c>trim: none</c>).</summary>
    public ModbusStringTrim StringTrim { get; init; }

    /// <summary>Name of the poll group the tag is read in.</summary>
    public required string PollGroup { get; init; }

    /// <summary>The address as the user wrote it (e.g. <c>holding:105.3</c> or <c>40001</c>), for the metadata record.</summary>
    public required string AddressText { get; init; }

    /// <summary>Number of registers (or bits, for coils and discrete inputs) the tag occupies.</summary>
    public int Count => DataType switch
    {
        ModbusDataType.Bool => 1,
        ModbusDataType.Int16 or ModbusDataType.UInt16 => 1,
        ModbusDataType.Int32 or ModbusDataType.UInt32 or ModbusDataType.Float32 => 2,
        ModbusDataType.Int64 or ModbusDataType.UInt64 or ModbusDataType.Float64 => 4,
        _ => StringLength,
    };
}
