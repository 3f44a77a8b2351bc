using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Connectors.Modbus.Planning;

/// <summary>
/// One value to read: where it lives and how to decode it. Addresses are zero-based PDU addresses (what goes on the
/// wire); documentation that says "40001" means holding register address 0.
/// </summary>
public sealed record ModbusPoint
{
    /// <summary>The table the value lives in.</summary>
    public required ModbusTable Table { get; init; }

    /// <summary>Zero-based address of the first bit or register.</summary>
    public required ushort Address { get; init; }

    /// <summary>How to decode it. Coils and discrete inputs hold only <see cref="ModbusDataType.Bool"/>.</summary>
    public ModbusDataType DataType { get; init; } = ModbusDataType.UInt16;

    /// <summary>Byte and word order of multi-byte values (see <see cref="ModbusValueDecoder"/>).</summary>
    public ModbusByteOrder ByteOrder { get; init; } = ModbusByteOrder.ABCD;

    /// <summary>For a <see cref="ModbusDataType.Bool"/> in a register table: the bit, 0 (least significant) to 15.</summary>
    public int BitIndex { get; init; }

    /// <summary>For <see cref="ModbusDataType.String"/>: length in registers (two characters each).</summary>
    public int StringLength { get; init; }

    /// <summary>For strings: whether trailing spaces are removed (the default) or kept.</summary>
    public ModbusStringTrim StringTrim { get; init; }

    /// <summary>True for coils and discrete inputs.</summary>
    public bool IsBit => Table is ModbusTable.Coil or ModbusTable.DiscreteInput;

    /// <summary>Number of addresses the value occupies (1 for a bit).</summary>
    public int Width => IsBit ? 1 : ModbusDataTypes.RegisterCount(DataType, StringLength);

    /// <summary>Returns the problems of this point (empty when it is valid).</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enum.IsDefined(Table))
        {
            yield return $"unknown table {Table}";
            yield break;
        }

        if (IsBit && DataType != ModbusDataType.Bool)
        {
            yield return $"{Table} {Address} holds single bits; its data type must be Bool, not {DataType}";
        }

        if (!IsBit && DataType == ModbusDataType.Bool && BitIndex is < 0 or > 15)
        {
            yield return $"bit index {BitIndex} of {Table} {Address} is not in 0..15";
        }

        if (DataType == ModbusDataType.String && StringLength is < 1 or > ModbusDataTypes.MaxStringRegisters)
        {
            yield return $"string at {Table} {Address} needs a length of 1..{ModbusDataTypes.MaxStringRegisters} registers, not {StringLength}";
        }

        if (DataType != ModbusDataType.String || StringLength is >= 1 and <= ModbusDataTypes.MaxStringRegisters)
        {
            if (Address + Width > 0x10000)
            {
                yield return $"{DataType} at {Table} {Address} runs past address 65535";
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => IsBit ? $"{Table} {Address}" : $"{Table} {Address} {DataType} {ByteOrder}";
}
