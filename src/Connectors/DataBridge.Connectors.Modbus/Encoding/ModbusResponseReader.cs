namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>
/// <code>
///  normal:    +----+-------+---------------------+     exception: +-----------+------+
///             | fc | count | count data bytes    |                | fc | 0x80 | code |
///             +----+-------+---------------------+                +-----------+------+
/// </code>
/// Parses the PDU of a response to a read request, checking every length against the request before use
/// (Modbus Application Protocol v1.1b3 §6.1-§6.4 response layout: function code, byte count, data; §7 exception
/// layout: function code | 0x80, exception code).
/// </summary>
public static class ModbusResponseReader
{
    /// <summary>
    /// Parses <paramref name="pdu"/> (the bytes after the MBAP header) as the answer to <paramref name="request"/>.
    /// Throws <see cref="ModbusProtocolException"/> naming what was wrong when the frame does not fit the request.
    /// </summary>
    public static ModbusReadResponse Read(ReadOnlySpan<byte> pdu, in ModbusReadRequest request, ushort transactionId)
    {
        if (pdu.Length < 2)
        {
            throw new ModbusProtocolException($"Response PDU of {pdu.Length} byte(s) is too short (transaction {transactionId}).", transactionId);
        }

        var expectedCode = (byte)request.FunctionCode;
        var code = pdu[0];
        if (code == (expectedCode | 0x80))
        {
            if (pdu.Length != 2)
            {
                throw new ModbusProtocolException($"Exception response PDU has {pdu.Length} bytes, expected 2 (transaction {transactionId}).", transactionId);
            }

            if (pdu[1] == 0)
            {
                throw new ModbusProtocolException($"Exception response carries exception code 0 (transaction {transactionId}).", transactionId);
            }

            return new ModbusReadResponse((ModbusExceptionCode)pdu[1], default);
        }

        if (code != expectedCode)
        {
            throw new ModbusProtocolException(
                $"Response function code 0x{code:X2} does not answer the request's 0x{expectedCode:X2} (transaction {transactionId}).", transactionId);
        }

        var byteCount = pdu[1];
        var expected = request.ExpectedByteCount;
        if (byteCount != expected)
        {
            throw new ModbusProtocolException(
                $"Response byte count {byteCount} does not match the {expected} bytes of {request.Quantity} requested {(request.IsBitTable ? "bits" : "registers")} (transaction {transactionId}).",
                transactionId);
        }

        if (pdu.Length != 2 + byteCount)
        {
            throw new ModbusProtocolException(
                $"Response PDU has {pdu.Length} bytes but its byte count {byteCount} needs {2 + byteCount} (transaction {transactionId}).", transactionId);
        }

        return new ModbusReadResponse(ModbusExceptionCode.None, pdu.Slice(2, byteCount));
    }
}
