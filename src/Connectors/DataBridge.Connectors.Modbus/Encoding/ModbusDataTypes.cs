namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>Sizes of the data types on the wire.</summary>
public static class ModbusDataTypes
{
    /// <summary>Longest string, in registers, a point may declare (one FC 3/4 request).</summary>
    public const int MaxStringRegisters = ModbusReadRequest.MaxRegisters;

    /// <summary>
    /// Number of registers a value occupies: 1 for Bool (a bit in a register), Int16 and UInt16; 2 for 32-bit types;
    /// 4 for 64-bit types; <paramref name="stringRegisters"/> for String.
    /// </summary>
    public static int RegisterCount(ModbusDataType type, int stringRegisters = 0) => type switch
    {
        ModbusDataType.Bool or ModbusDataType.Int16 or ModbusDataType.UInt16 => 1,
        ModbusDataType.Int32 or ModbusDataType.UInt32 or ModbusDataType.Float32 => 2,
        ModbusDataType.Int64 or ModbusDataType.UInt64 or ModbusDataType.Float64 => 4,
        ModbusDataType.String => stringRegisters,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Modbus data type."),
    };
}
