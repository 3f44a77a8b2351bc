namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>
/// Splits a byte stream into Modbus TCP frames (Modbus Messaging on TCP/IP v1.0b §3.1.3). Like Kestrel's
/// <c>TryReadFrame</c>: false when the frame is not complete yet, a <see cref="ModbusProtocolException"/> when
/// the header is malformed. The header is validated before its length is used, so a caller never needs more than
/// <see cref="MbapHeader.MaxAduLength"/> bytes of buffer per frame.
/// </summary>
public static class ModbusFrameReader
{
    /// <summary>
    /// Tries to read one frame from the start of <paramref name="buffer"/>. On success <paramref name="pdu"/> is
    /// the PDU (function code onwards) and <paramref name="frameLength"/> the bytes to consume.
    /// </summary>
    public static bool TryReadFrame(ReadOnlySpan<byte> buffer, out MbapHeader header, out ReadOnlySpan<byte> pdu, out int frameLength)
    {
        pdu = default;
        frameLength = 0;
        if (!MbapHeader.TryRead(buffer, out header))
        {
            return false;
        }

        if (buffer.Length < header.FrameLength)
        {
            return false;
        }

        frameLength = header.FrameLength;
        pdu = buffer.Slice(MbapHeader.Size, header.PduLength);
        return true;
    }
}
