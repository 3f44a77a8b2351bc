using System.Buffers.Binary;
using DataBridge.Core;

namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>
/// Turns register or bit bytes, exactly as they came off the wire, into a <see cref="TagValue"/>.
/// <para>
/// Byte orders name where the value's bytes sit, most significant byte = A. Let r0..r(n-1) be the registers in
/// address order and hi/lo the two bytes of each as sent (Modbus sends registers big-endian, §4.2).
/// <list type="bullet">
/// <item><b>ABCD</b>: value = r0.hi r0.lo r1.hi r1.lo ... (big-endian words in address order, the Modbus default).</item>
/// <item><b>BADC</b>: the two bytes of every register are swapped, word order kept: r0.lo r0.hi r1.lo r1.hi ...</item>
/// <item><b>CDAB</b>: the word order is reversed, bytes within words kept: r(n-1).hi r(n-1).lo ... r0.hi r0.lo.
/// For 64-bit values all four words are reversed (r3 r2 r1 r0), i.e. the lowest address holds the least
/// significant word; it is <i>not</i> a swap within each 32-bit half.</item>
/// <item><b>DCBA</b>: both: all eight (or four) bytes reversed, fully little-endian: r(n-1).lo r(n-1).hi ... r0.lo r0.hi.</item>
/// </list>
/// For one-register values (Int16, UInt16, a bit in a register) only the byte swap matters: ABCD and CDAB read the
/// register as sent, BADC and DCBA swap its two bytes. For strings the word order is not used: ABCD/CDAB take the
/// high byte of each register first, BADC/DCBA the low byte first.
/// </para>
/// </summary>
public static class ModbusValueDecoder
{
    /// <summary>
    /// Decodes a value from <paramref name="registers"/> (2 bytes per register, big-endian as on the wire, exactly
    /// <see cref="ModbusDataTypes.RegisterCount"/> registers). Returns false (a decoding error, BadDecodingError) when
    /// the bytes are not a valid value of the type, e.g. a string with non-ASCII bytes.
    /// </summary>
    /// <param name="registers">The registers of the value.</param>
    /// <param name="type">The data type.</param>
    /// <param name="order">The byte order.</param>
    /// <param name="bitIndex">For <see cref="ModbusDataType.Bool"/>: the bit of the register, 0 = least significant.</param>
    /// <param name="value">The value decoded.</param>
    /// <param name="trim">For <see cref="ModbusDataType.String"/>: whether trailing spaces are removed.</param>
    public static bool TryDecodeRegisters(ReadOnlySpan<byte> registers, ModbusDataType type, ModbusByteOrder order, int bitIndex, out TagValue value, ModbusStringTrim trim = ModbusStringTrim.End)
    {
        if (type == ModbusDataType.String)
        {
            return TryDecodeString(registers, order, trim, out value);
        }

        var width = ModbusDataTypes.RegisterCount(type) * 2;
        if (registers.Length != width)
        {
            throw new ArgumentException($"{type} needs {width} bytes, got {registers.Length}.", nameof(registers));
        }

        Span<byte> be = stackalloc byte[8];
        be = be[..width];
        Normalise(registers, order, be);
        value = type switch
        {
            ModbusDataType.Bool => DecodeBitInRegister(be, bitIndex),
            ModbusDataType.Int16 => TagValue.FromInt16(BinaryPrimitives.ReadInt16BigEndian(be)),
            ModbusDataType.UInt16 => TagValue.FromUInt16(BinaryPrimitives.ReadUInt16BigEndian(be)),
            ModbusDataType.Int32 => TagValue.FromInt32(BinaryPrimitives.ReadInt32BigEndian(be)),
            ModbusDataType.UInt32 => TagValue.FromUInt32(BinaryPrimitives.ReadUInt32BigEndian(be)),
            ModbusDataType.Int64 => TagValue.FromInt64(BinaryPrimitives.ReadInt64BigEndian(be)),
            ModbusDataType.UInt64 => TagValue.FromUInt64(BinaryPrimitives.ReadUInt64BigEndian(be)),
            ModbusDataType.Float32 => TagValue.FromFloat(BinaryPrimitives.ReadSingleBigEndian(be)),
            ModbusDataType.Float64 => TagValue.FromDouble(BinaryPrimitives.ReadDoubleBigEndian(be)),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Modbus data type."),
        };
        return true;
    }

    /// <summary>Decodes one bit of a coil or discrete input response (§6.1: bit 0 of the first byte is the first address).</summary>
    /// <param name="packedBits">The data bytes of the response.</param>
    /// <param name="offset">The bit's offset from the request's start address.</param>
    public static TagValue DecodeBit(ReadOnlySpan<byte> packedBits, int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offset, packedBits.Length * 8);
        return TagValue.FromBoolean((packedBits[offset >> 3] & (1 << (offset & 7))) != 0);
    }

    /// <summary>
    /// Rewrites the wire bytes of <paramref name="wire"/> into most-significant-first order in <paramref name="bigEndian"/>
    /// by the rule in the class summary.
    /// </summary>
    internal static void Normalise(ReadOnlySpan<byte> wire, ModbusByteOrder order, Span<byte> bigEndian)
    {
        var words = wire.Length / 2;
        var swapWords = order is ModbusByteOrder.CDAB or ModbusByteOrder.DCBA;
        var swapBytes = order is ModbusByteOrder.BADC or ModbusByteOrder.DCBA;
        for (var i = 0; i < wire.Length; i++)
        {
            var word = i >> 1;
            var sourceWord = swapWords ? words - 1 - word : word;
            var sourceByte = swapBytes ? 1 - (i & 1) : i & 1;
            bigEndian[i] = wire[(sourceWord * 2) + sourceByte];
        }
    }

    private static TagValue DecodeBitInRegister(ReadOnlySpan<byte> bigEndian, int bitIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bitIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitIndex, 15);
        var register = BinaryPrimitives.ReadUInt16BigEndian(bigEndian);
        return TagValue.FromBoolean(((register >> bitIndex) & 1) != 0);
    }

    private static bool TryDecodeString(ReadOnlySpan<byte> registers, ModbusByteOrder order, ModbusStringTrim trim, out TagValue value)
    {
        if (registers.Length % 2 != 0 || registers.Length > ModbusDataTypes.MaxStringRegisters * 2)
        {
            throw new ArgumentException($"A string occupies whole registers, at most {ModbusDataTypes.MaxStringRegisters}.", nameof(registers));
        }

        var swapBytes = order is ModbusByteOrder.BADC or ModbusByteOrder.DCBA;
        Span<char> chars = stackalloc char[registers.Length];
        var length = 0;
        for (var i = 0; i < registers.Length; i++)
        {
            var b = registers[swapBytes ? i ^ 1 : i];
            if (b == 0)
            {
                // A NUL ends the text: devices pad fixed-size string fields with NULs.
                break;
            }

            if (b > 0x7F)
            {
                value = TagValue.Null;
                return false;
            }

            chars[length++] = (char)b;
        }

        while (trim == ModbusStringTrim.End && length > 0 && chars[length - 1] == ' ')
        {
            length--;
        }

        value = TagValue.FromString(new string(chars[..length]));
        return true;
    }
}
