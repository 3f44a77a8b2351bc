using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Connectors.Modbus.Tests.Encoding;

/// <summary>The request/response examples of Modbus Application Protocol v1.1b3 §6.1-§6.4 and §7, byte for byte.</summary>
public sealed class GoldenFrameTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    [Theory]
    // §6.1 read coils 20-38: start 0x13, quantity 0x13.
    [InlineData(ModbusTable.Coil, 0x13, 0x13, "01 00 13 00 13")]
    // §6.2 read discrete inputs 197-218.
    [InlineData(ModbusTable.DiscreteInput, 0xC4, 0x16, "02 00 C4 00 16")]
    // §6.3 read holding registers 108-110.
    [InlineData(ModbusTable.HoldingRegister, 0x6B, 0x03, "03 00 6B 00 03")]
    // §6.4 read input register 9.
    [InlineData(ModbusTable.InputRegister, 0x08, 0x01, "04 00 08 00 01")]
    public void Request_frames_match_the_spec_examples(ModbusTable table, int start, int quantity, string pdu)
    {
        var frame = new byte[ModbusReadRequest.AduLength];
        var written = ModbusRequestWriter.Write(frame, 0x1234, 0x11, new ModbusReadRequest(table, (ushort)start, (ushort)quantity));

        Assert.Equal(12, written);
        // MBAP (TCP guide §3.1.3): transaction 0x1234, protocol 0, length 6 (unit + 5-byte PDU), unit 0x11.
        Assert.Equal(Hex("12 34 00 00 00 06 11 " + pdu), frame);
    }

    [Fact]
    public void Read_coils_response_of_the_spec_example_decodes_to_its_bits()
    {
        var request = new ModbusReadRequest(ModbusTable.Coil, 0x13, 0x13);
        var response = ModbusResponseReader.Read(Hex("01 03 CD 6B 05"), request, 1);

        Assert.False(response.IsException);
        Assert.Equal(Hex("CD 6B 05"), response.Data.ToArray());
        // §6.1: coils 27-20 are 1100 1101 -> coil 20 (offset 0) is the LSB of 0xCD.
        bool[] expected = [true, false, true, true, false, false, true, true, true, true, false, true, false, true, true, false, true, false, true];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], ModbusValueDecoder.DecodeBit(response.Data, i).AsBoolean());
        }
    }

    [Fact]
    public void Read_discrete_inputs_response_of_the_spec_example_is_accepted()
    {
        var response = ModbusResponseReader.Read(Hex("02 03 AC DB 35"), new ModbusReadRequest(ModbusTable.DiscreteInput, 0xC4, 0x16), 1);
        Assert.Equal(Hex("AC DB 35"), response.Data.ToArray());
        Assert.False(ModbusValueDecoder.DecodeBit(response.Data, 0).AsBoolean());
        Assert.True(ModbusValueDecoder.DecodeBit(response.Data, 2).AsBoolean());
    }

    [Fact]
    public void Read_holding_registers_response_of_the_spec_example_gives_555_0_100()
    {
        var response = ModbusResponseReader.Read(Hex("03 06 02 2B 00 00 00 64"), new ModbusReadRequest(ModbusTable.HoldingRegister, 0x6B, 3), 1);
        ushort[] values = new ushort[3];
        for (var i = 0; i < 3; i++)
        {
            Assert.True(ModbusValueDecoder.TryDecodeRegisters(response.Data.Slice(i * 2, 2), ModbusDataType.UInt16, ModbusByteOrder.ABCD, 0, out var v));
            values[i] = (ushort)v.AsInt64();
        }

        Assert.Equal(new ushort[] { 555, 0, 100 }, values);
    }

    [Fact]
    public void Read_input_register_response_of_the_spec_example_gives_10()
    {
        var response = ModbusResponseReader.Read(Hex("04 02 00 0A"), new ModbusReadRequest(ModbusTable.InputRegister, 8, 1), 1);
        Assert.True(ModbusValueDecoder.TryDecodeRegisters(response.Data, ModbusDataType.UInt16, ModbusByteOrder.ABCD, 0, out var v));
        Assert.Equal(10, v.AsInt64());
    }

    [Fact]
    public void Exception_response_of_the_spec_example_names_illegal_data_address()
    {
        // §7: a read coils request answered with function 0x81, exception code 02.
        var response = ModbusResponseReader.Read(Hex("81 02"), new ModbusReadRequest(ModbusTable.Coil, 0x13, 0x13), 1);
        Assert.True(response.IsException);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, response.ExceptionCode);
    }

    [Theory]
    [InlineData(ModbusExceptionCode.IllegalFunction, 0x01)]
    [InlineData(ModbusExceptionCode.IllegalDataAddress, 0x02)]
    [InlineData(ModbusExceptionCode.IllegalDataValue, 0x03)]
    [InlineData(ModbusExceptionCode.ServerDeviceFailure, 0x04)]
    [InlineData(ModbusExceptionCode.Acknowledge, 0x05)]
    [InlineData(ModbusExceptionCode.ServerDeviceBusy, 0x06)]
    [InlineData(ModbusExceptionCode.MemoryParityError, 0x08)]
    [InlineData(ModbusExceptionCode.GatewayPathUnavailable, 0x0A)]
    [InlineData(ModbusExceptionCode.GatewayTargetDeviceFailedToRespond, 0x0B)]
    public void Exception_codes_carry_the_values_of_section_7(ModbusExceptionCode code, int value)
    {
        Assert.Equal(value, (int)code);
    }

    [Fact]
    public void Mbap_header_round_trips_big_endian()
    {
        var bytes = new byte[7];
        new MbapHeader(0xABCD, 0, 0x00FE, 0xFF).Write(bytes);
        Assert.Equal(Hex("AB CD 00 00 00 FE FF"), bytes);
        Assert.True(MbapHeader.TryRead(bytes, out var header));
        Assert.Equal(new MbapHeader(0xABCD, 0, 0x00FE, 0xFF), header);
    }

    [Theory]
    [InlineData(ModbusTable.HoldingRegister, 0, 0)]
    [InlineData(ModbusTable.HoldingRegister, 0, 126)]
    [InlineData(ModbusTable.Coil, 0, 2001)]
    [InlineData(ModbusTable.InputRegister, 65535, 2)]
    public void Requests_outside_the_spec_limits_are_refused(ModbusTable table, int start, int quantity)
    {
        var frame = new byte[12];
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequestWriter.Write(frame, 1, 1, new ModbusReadRequest(table, (ushort)start, (ushort)quantity)));
    }
}
