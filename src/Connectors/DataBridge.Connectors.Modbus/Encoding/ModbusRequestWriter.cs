using System.Buffers.Binary;

namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>
/// Writes read request frames (MBAP header + PDU), Modbus Application Protocol v1.1b3 §6.1-§6.4:
/// <code>
///  0     7    8          10         12
///  +-----+----+----------+----------+
///  |MBAP | fc | start    | quantity |   fc 1-4; start and quantity big-endian; MBAP length = 6
///  +-----+----+----------+----------+
/// </code> This is the only code that writes a function code onto the
/// wire, and it takes it from <see cref="ModbusReadRequest.FunctionCodeOf"/>, so only codes 1-4 can be sent.
/// </summary>
public static class ModbusRequestWriter
{
    /// <summary>
    /// Writes the 12-byte TCP frame of <paramref name="request"/> into <paramref name="destination"/> and returns
    /// the number of bytes written (§6.1-§6.4 request layout: function code, start address, quantity, big-endian).
    /// </summary>
    public static int Write(Span<byte> destination, ushort transactionId, byte unitId, in ModbusReadRequest request)
    {
        request.Validate();
        if (destination.Length < ModbusReadRequest.AduLength)
        {
            throw new ArgumentException($"Destination needs {ModbusReadRequest.AduLength} bytes.", nameof(destination));
        }

        new MbapHeader(transactionId, 0, 1 + ModbusReadRequest.PduLength, unitId).Write(destination);
        var pdu = destination.Slice(MbapHeader.Size, ModbusReadRequest.PduLength);
        pdu[0] = (byte)request.FunctionCode;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], request.StartAddress);
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], request.Quantity);
        return ModbusReadRequest.AduLength;
    }
}
