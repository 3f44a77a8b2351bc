using System.Buffers.Binary;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Core;

namespace DataBridge.Connectors.Modbus.Tests.Encoding;

/// <summary>
/// Every data type in every byte order. The wire bytes are built from letter patterns (A = most significant byte),
/// independently of the decoder's own index arithmetic.
/// </summary>
public sealed class ValueDecoderTests
{
    // Where each byte of the value (A = most significant) sits on the wire, per width and byte order.
    private static readonly Dictionary<(int Width, ModbusByteOrder Order), string> Patterns = new()
    {
        [(2, ModbusByteOrder.ABCD)] = "AB",
        [(2, ModbusByteOrder.BADC)] = "BA",
        [(2, ModbusByteOrder.CDAB)] = "AB",
        [(2, ModbusByteOrder.DCBA)] = "BA",
        [(4, ModbusByteOrder.ABCD)] = "ABCD",
        [(4, ModbusByteOrder.BADC)] = "BADC",
        [(4, ModbusByteOrder.CDAB)] = "CDAB",
        [(4, ModbusByteOrder.DCBA)] = "DCBA",
        [(8, ModbusByteOrder.ABCD)] = "ABCDEFGH",
        [(8, ModbusByteOrder.BADC)] = "BADCFEHG",
        [(8, ModbusByteOrder.CDAB)] = "GHEFCDAB",
        [(8, ModbusByteOrder.DCBA)] = "HGFEDCBA",
    };

    private static byte[] Wire(ReadOnlySpan<byte> bigEndian, ModbusByteOrder order)
    {
        var pattern = Patterns[(bigEndian.Length, order)];
        var wire = new byte[bigEndian.Length];
        for (var i = 0; i < wire.Length; i++)
        {
            wire[i] = bigEndian[pattern[i] - 'A'];
        }

        return wire;
    }

    public static TheoryData<ModbusDataType, ModbusByteOrder> AllNumericTypesAndOrders()
    {
        var data = new TheoryData<ModbusDataType, ModbusByteOrder>();
        foreach (var type in new[] { ModbusDataType.Int16, ModbusDataType.UInt16, ModbusDataType.Int32, ModbusDataType.UInt32, ModbusDataType.Int64, ModbusDataType.UInt64, ModbusDataType.Float32, ModbusDataType.Float64 })
        {
            foreach (var order in Enum.GetValues<ModbusByteOrder>())
            {
                data.Add(type, order);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllNumericTypesAndOrders))]
    public void Every_numeric_type_decodes_in_every_byte_order(ModbusDataType type, ModbusByteOrder order)
    {
        var be = new byte[8];
        TagValue expected;
        int width;
        switch (type)
        {
            case ModbusDataType.Int16: BinaryPrimitives.WriteInt16BigEndian(be, -12345); expected = TagValue.FromInt16(-12345); width = 2; break;
            case ModbusDataType.UInt16: BinaryPrimitives.WriteUInt16BigEndian(be, 54321); expected = TagValue.FromUInt16(54321); width = 2; break;
            case ModbusDataType.Int32: BinaryPrimitives.WriteInt32BigEndian(be, -123456789); expected = TagValue.FromInt32(-123456789); width = 4; break;
            case ModbusDataType.UInt32: BinaryPrimitives.WriteUInt32BigEndian(be, 3123456789); expected = TagValue.FromUInt32(3123456789); width = 4; break;
            case ModbusDataType.Int64: BinaryPrimitives.WriteInt64BigEndian(be, -1234567890123456789); expected = TagValue.FromInt64(-1234567890123456789); width = 8; break;
            case ModbusDataType.UInt64: BinaryPrimitives.WriteUInt64BigEndian(be, 12345678901234567890); expected = TagValue.FromUInt64(12345678901234567890); width = 8; break;
            case ModbusDataType.Float32: BinaryPrimitives.WriteSingleBigEndian(be, 3.14159f); expected = TagValue.FromFloat(3.14159f); width = 4; break;
            default: BinaryPrimitives.WriteDoubleBigEndian(be, -2.718281828459045); expected = TagValue.FromDouble(-2.718281828459045); width = 8; break;
        }

        var wire = Wire(be.AsSpan(0, width), order);
        Assert.True(ModbusValueDecoder.TryDecodeRegisters(wire, type, order, 0, out var actual));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Sixty_four_bit_word_swap_reverses_all_four_words()
    {
        // 0x0102030405060708 with CDAB: registers 0x0708 0x0506 0x0304 0x0102 (least significant word first).
        byte[] wire = [0x07, 0x08, 0x05, 0x06, 0x03, 0x04, 0x01, 0x02];
        Assert.True(ModbusValueDecoder.TryDecodeRegisters(wire, ModbusDataType.UInt64, ModbusByteOrder.CDAB, 0, out var v));
        Assert.Equal(0x0102030405060708UL, v.AsUInt64());
    }

    [Theory]
    [InlineData(ModbusByteOrder.ABCD, 0)]
    [InlineData(ModbusByteOrder.CDAB, 0)]
    [InlineData(ModbusByteOrder.BADC, 1)]
    [InlineData(ModbusByteOrder.DCBA, 1)]
    public void Strings_decode_two_characters_per_register_and_trim_padding(ModbusByteOrder order, int swap)
    {
        var text = "Line 2 OK  "u8.ToArray();
        var wire = new byte[16];
        text.CopyTo(wire, 0);
        if (swap == 1)
        {
            for (var i = 0; i < wire.Length; i += 2)
            {
                (wire[i], wire[i + 1]) = (wire[i + 1], wire[i]);
            }
        }

        Assert.True(ModbusValueDecoder.TryDecodeRegisters(wire, ModbusDataType.String, order, 0, out var v));
        Assert.Equal("Line 2 OK", v.AsString());
    }

    [Theory]
    [InlineData(ModbusStringTrim.End, "OK")]
    [InlineData(ModbusStringTrim.None, "OK    ")]
    public void Trailing_spaces_are_trimmed_by_default_and_kept_with_trim_none(ModbusStringTrim trim, string expected)
    {
        var wire = "OK    \0\0"u8.ToArray();
        Assert.True(ModbusValueDecoder.TryDecodeRegisters(wire, ModbusDataType.String, ModbusByteOrder.ABCD, 0, out var v, trim));
        Assert.Equal(expected, v.AsString());
    }

    [Fact]
    public void A_string_with_non_ascii_bytes_is_a_decoding_error()
    {
        byte[] wire = [(byte)'O', 0xC3, 0xA9, (byte)'k'];
        Assert.False(ModbusValueDecoder.TryDecodeRegisters(wire, ModbusDataType.String, ModbusByteOrder.ABCD, 0, out var v));
        Assert.True(v.IsNull);
    }

    [Theory]
    [InlineData(ModbusByteOrder.ABCD)]
    [InlineData(ModbusByteOrder.BADC)]
    [InlineData(ModbusByteOrder.CDAB)]
    [InlineData(ModbusByteOrder.DCBA)]
    public void Every_bit_of_a_register_decodes_with_bit_zero_least_significant(ModbusByteOrder order)
    {
        const ushort register = 0b1000_0001_0010_0100;
        var be = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(be, register);
        var wire = Wire(be, order);
        for (var bit = 0; bit < 16; bit++)
        {
            Assert.True(ModbusValueDecoder.TryDecodeRegisters(wire, ModbusDataType.Bool, order, bit, out var v));
            Assert.Equal(((register >> bit) & 1) == 1, v.AsBoolean());
            Assert.Equal(ValueKind.Boolean, v.Kind);
        }
    }

    [Fact]
    public void Coils_decode_lsb_first_across_bytes()
    {
        byte[] packed = [0b0000_0001, 0b1000_0000];
        Assert.True(ModbusValueDecoder.DecodeBit(packed, 0).AsBoolean());
        Assert.False(ModbusValueDecoder.DecodeBit(packed, 1).AsBoolean());
        Assert.True(ModbusValueDecoder.DecodeBit(packed, 15).AsBoolean());
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusValueDecoder.DecodeBit(packed, 16));
    }
}
