namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>
/// One read of a contiguous range of one table (Modbus Application Protocol v1.1b3 §6.1-§6.4): the function code
/// follows from the table, so only the four read codes can ever be built.
/// </summary>
/// <param name="Table">The table to read; selects function code 1, 2, 3 or 4.</param>
/// <param name="StartAddress">Zero-based PDU address of the first bit or register.</param>
/// <param name="Quantity">Number of bits (1-2000) or registers (1-125).</param>
public readonly record struct ModbusReadRequest(ModbusTable Table, ushort StartAddress, ushort Quantity)
{
    /// <summary>Most registers one FC 3/4 request may ask for (§6.3: 1 to 125, 0x7D).</summary>
    public const int MaxRegisters = 125;

    /// <summary>Most bits one FC 1/2 request may ask for (§6.1: 1 to 2000, 0x7D0).</summary>
    public const int MaxBits = 2000;

    /// <summary>Size of a read request PDU: function code, start address, quantity.</summary>
    public const int PduLength = 5;

    /// <summary>Size of a read request ADU on TCP.</summary>
    public const int AduLength = MbapHeader.Size + PduLength;

    /// <summary>True for coils and discrete inputs (one bit per address).</summary>
    public bool IsBitTable => Table is ModbusTable.Coil or ModbusTable.DiscreteInput;

    /// <summary>The function code this request goes out with.</summary>
    internal ModbusFunctionCode FunctionCode => FunctionCodeOf(Table);

    /// <summary>The byte count a correct response carries: ceil(bits/8) or 2 per register.</summary>
    public int ExpectedByteCount => IsBitTable ? (Quantity + 7) / 8 : Quantity * 2;

    /// <summary>The read function code of a table; the only place a table becomes a function code.</summary>
    internal static ModbusFunctionCode FunctionCodeOf(ModbusTable table) => table switch
    {
        ModbusTable.Coil => ModbusFunctionCode.ReadCoils,
        ModbusTable.DiscreteInput => ModbusFunctionCode.ReadDiscreteInputs,
        ModbusTable.HoldingRegister => ModbusFunctionCode.ReadHoldingRegisters,
        ModbusTable.InputRegister => ModbusFunctionCode.ReadInputRegisters,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown Modbus table."),
    };

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when the quantity or address range breaks §6.1-§6.4.</summary>
    public void Validate()
    {
        var max = IsBitTable ? MaxBits : MaxRegisters;
        if (Quantity < 1 || Quantity > max)
        {
            throw new ArgumentOutOfRangeException(nameof(Quantity), Quantity, $"A {Table} read asks for 1 to {max} items.");
        }

        if (StartAddress + Quantity > 0x10000)
        {
            throw new ArgumentOutOfRangeException(nameof(StartAddress), StartAddress, $"Address range {StartAddress}+{Quantity} runs past 65535.");
        }

        _ = FunctionCodeOf(Table);
    }
}
