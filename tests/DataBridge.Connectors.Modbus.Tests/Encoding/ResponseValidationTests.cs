using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Connectors.Modbus.Tests.Encoding;

public sealed class ResponseValidationTests
{
    private static readonly ModbusReadRequest ThreeRegisters = new(ModbusTable.HoldingRegister, 100, 3);

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    private static string ErrorOf(string pdu, ModbusReadRequest request) =>
        Assert.Throws<ModbusProtocolException>(() => ModbusResponseReader.Read(Hex(pdu), request, 17)).Message;

    [Fact]
    public void Mbap_length_past_the_limit_is_refused_with_the_numbers()
    {
        var ex = Assert.Throws<ModbusProtocolException>(() => MbapHeader.TryRead(Hex("00 11 00 00 01 2C 01"), out _));
        Assert.Equal("MBAP length 300 exceeds the 254-byte limit of unit id plus a 253-byte PDU (transaction 17).", ex.Message);
        Assert.Equal((ushort)17, ex.TransactionId);
    }

    [Fact]
    public void Mbap_protocol_id_other_than_zero_is_refused()
    {
        var ex = Assert.Throws<ModbusProtocolException>(() => MbapHeader.TryRead(Hex("00 11 00 01 00 06 01"), out _));
        Assert.StartsWith("MBAP protocol id 1 is not 0 (transaction 17)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mbap_length_too_short_for_a_function_code_is_refused()
    {
        Assert.Throws<ModbusProtocolException>(() => MbapHeader.TryRead(Hex("00 11 00 00 00 01 01"), out _));
    }

    [Fact]
    public void Incomplete_frames_are_not_errors_but_wait_for_more_bytes()
    {
        Assert.False(ModbusFrameReader.TryReadFrame(Hex("00 11 00 00 00"), out _, out _, out _));
        Assert.False(ModbusFrameReader.TryReadFrame(Hex("00 11 00 00 00 09 01 03 06 00"), out _, out _, out _));
        Assert.True(ModbusFrameReader.TryReadFrame(Hex("00 11 00 00 00 03 01 83 02 FF"), out var h, out var pdu, out var length));
        Assert.Equal(9, length);
        Assert.Equal((ushort)17, h.TransactionId);
        Assert.Equal(Hex("83 02"), pdu.ToArray());
    }

    [Fact]
    public void Byte_count_that_does_not_match_the_quantity_is_refused()
    {
        Assert.Equal(
            "Response byte count 4 does not match the 6 bytes of 3 requested registers (transaction 17).",
            ErrorOf("03 04 00 01 00 02", ThreeRegisters));
    }

    [Fact]
    public void Pdu_shorter_than_its_byte_count_is_refused()
    {
        Assert.Equal(
            "Response PDU has 6 bytes but its byte count 6 needs 8 (transaction 17).",
            ErrorOf("03 06 00 01 00 02", ThreeRegisters));
    }

    [Fact]
    public void Function_code_of_another_request_is_refused()
    {
        Assert.Equal(
            "Response function code 0x04 does not answer the request's 0x03 (transaction 17).",
            ErrorOf("04 06 00 01 00 02 00 03", ThreeRegisters));
    }

    [Fact]
    public void Exception_response_with_extra_bytes_is_refused()
    {
        Assert.Contains("Exception response PDU has 3 bytes", ErrorOf("83 02 00", ThreeRegisters), StringComparison.Ordinal);
    }

    [Fact]
    public void Coil_byte_count_is_checked_against_the_bits_requested()
    {
        // 19 coils need ceil(19/8) = 3 bytes.
        Assert.Contains("does not match the 3 bytes of 19 requested bits", ErrorOf("01 02 CD 6B", new ModbusReadRequest(ModbusTable.Coil, 0, 19)), StringComparison.Ordinal);
    }
}
