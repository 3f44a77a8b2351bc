using System.Buffers.Binary;
using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Simulators.Modbus;

/// <summary>
/// The four tables of a simulated device, each <see cref="Size"/> addresses long (zero-based PDU addresses).
/// Thread-safe: the server reads under the same lock the plant model writes under, so a multi-register value is
/// never torn. Multi-register values are written big-endian (ABCD) unless a method says otherwise.
/// </summary>
public sealed class ModbusDataBank
{
    private readonly object _gate = new();
    private readonly bool[] _coils;
    private readonly bool[] _discreteInputs;
    private readonly ushort[] _holding;
    private readonly ushort[] _input;

    /// <summary>Creates a bank of <paramref name="size"/> addresses per table, all zero.</summary>
    public ModbusDataBank(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 0x10000);
        Size = size;
        _coils = new bool[size];
        _discreteInputs = new bool[size];
        _holding = new ushort[size];
        _input = new ushort[size];
    }

    /// <summary>Number of addresses in each table; reads past it get exception 2 (illegal data address).</summary>
    public int Size { get; }

    /// <summary>Runs <paramref name="update"/> under the bank's lock so readers see all of its writes or none.</summary>
    public void Batch(Action update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            update();
        }
    }

    /// <summary>Sets one coil or discrete input.</summary>
    public void SetBit(ModbusTable table, int address, bool value)
    {
        lock (_gate)
        {
            Bits(table)[address] = value;
        }
    }

    /// <summary>Reads one coil or discrete input.</summary>
    public bool GetBit(ModbusTable table, int address)
    {
        lock (_gate)
        {
            return Bits(table)[address];
        }
    }

    /// <summary>Sets one holding or input register.</summary>
    public void SetRegister(ModbusTable table, int address, ushort value)
    {
        lock (_gate)
        {
            Registers(table)[address] = value;
        }
    }

    /// <summary>Reads one holding or input register.</summary>
    public ushort GetRegister(ModbusTable table, int address)
    {
        lock (_gate)
        {
            return Registers(table)[address];
        }
    }

    /// <summary>Sets a 32-bit unsigned value over two registers, high word first (ABCD).</summary>
    public void SetUInt32(ModbusTable table, int address, uint value)
    {
        lock (_gate)
        {
            var r = Registers(table);
            r[address] = (ushort)(value >> 16);
            r[address + 1] = (ushort)value;
        }
    }

    /// <summary>Sets an IEEE 754 single over two registers, high word first (ABCD), or low word first when <paramref name="wordSwapped"/> (CDAB).</summary>
    public void SetFloat32(ModbusTable table, int address, float value, bool wordSwapped = false)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        lock (_gate)
        {
            var r = Registers(table);
            r[address + (wordSwapped ? 1 : 0)] = (ushort)(bits >> 16);
            r[address + (wordSwapped ? 0 : 1)] = (ushort)bits;
        }
    }

    /// <summary>Sets ASCII text over <paramref name="registers"/> registers, two characters per register, high byte first, NUL padded.</summary>
    public void SetString(ModbusTable table, int address, int registers, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            var r = Registers(table);
            for (var i = 0; i < registers; i++)
            {
                var hi = 2 * i < text.Length ? (byte)text[2 * i] : (byte)0;
                var lo = (2 * i) + 1 < text.Length ? (byte)text[(2 * i) + 1] : (byte)0;
                r[address + i] = (ushort)((hi << 8) | lo);
            }
        }
    }

    /// <summary>Copies bits packed LSB first (§6.1 response layout) into <paramref name="destination"/>.</summary>
    internal void ReadBits(ModbusTable table, int start, int quantity, Span<byte> destination)
    {
        destination[..((quantity + 7) / 8)].Clear();
        lock (_gate)
        {
            var bits = Bits(table);
            for (var i = 0; i < quantity; i++)
            {
                if (bits[start + i])
                {
                    destination[i >> 3] |= (byte)(1 << (i & 7));
                }
            }
        }
    }

    /// <summary>Copies registers big-endian (§6.3 response layout) into <paramref name="destination"/>.</summary>
    internal void ReadRegisters(ModbusTable table, int start, int quantity, Span<byte> destination)
    {
        lock (_gate)
        {
            var registers = Registers(table);
            for (var i = 0; i < quantity; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(destination[(2 * i)..], registers[start + i]);
            }
        }
    }

    private bool[] Bits(ModbusTable table) => table switch
    {
        ModbusTable.Coil => _coils,
        ModbusTable.DiscreteInput => _discreteInputs,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a bit table."),
    };

    private ushort[] Registers(ModbusTable table) => table switch
    {
        ModbusTable.HoldingRegister => _holding,
        ModbusTable.InputRegister => _input,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a register table."),
    };
}
