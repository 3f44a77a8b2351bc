using System.Buffers.Binary;

namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>
/// The 7-byte Modbus Application Protocol header that precedes every PDU on TCP (Modbus Messaging on TCP/IP
/// v1.0b §3.1.3):
/// <code>
///  0      2      4      6    7
///  +------+------+------+----+--------- PDU (function code + data, at most 253 bytes)
///  | tid  | pid=0| len  |unit|
///  +------+------+------+----+
/// </code>
/// <c>len</c> counts the unit id and the PDU, all fields big-endian.
/// </summary>
/// <param name="TransactionId">Pairs a response with its request; echoed by the server.</param>
/// <param name="ProtocolId">Always 0 for Modbus.</param>
/// <param name="Length">Number of bytes that follow the length field (unit id + PDU).</param>
/// <param name="UnitId">The addressed device behind a gateway (or any value for a plain TCP device).</param>
public readonly record struct MbapHeader(ushort TransactionId, ushort ProtocolId, ushort Length, byte UnitId)
{
    /// <summary>Size of the header on the wire.</summary>
    public const int Size = 7;

    /// <summary>Largest PDU (§4.1 of the application protocol: 256-byte serial ADU minus address and CRC).</summary>
    public const int MaxPduLength = 253;

    /// <summary>Largest TCP ADU: header plus largest PDU.</summary>
    public const int MaxAduLength = Size + MaxPduLength;

    /// <summary>Largest value of the length field: unit id plus the largest PDU.</summary>
    public const int MaxLengthField = 1 + MaxPduLength;

    /// <summary>Number of PDU bytes that follow the header.</summary>
    public int PduLength => Length - 1;

    /// <summary>Total size of the frame this header starts.</summary>
    public int FrameLength => Size + PduLength;

    /// <summary>Writes the header into the first 7 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], ProtocolId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], Length);
        destination[6] = UnitId;
    }

    /// <summary>
    /// Reads and validates a header. Returns false when fewer than 7 bytes are available; throws
    /// <see cref="ModbusProtocolException"/> when the protocol id is not 0 or the length is outside 2..254
    /// (a PDU holds at least a function code and at most 253 bytes).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out MbapHeader header)
    {
        if (source.Length < Size)
        {
            header = default;
            return false;
        }

        header = new MbapHeader(
            BinaryPrimitives.ReadUInt16BigEndian(source),
            BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(source[4..]),
            source[6]);
        if (header.ProtocolId != 0)
        {
            throw new ModbusProtocolException(
                $"MBAP protocol id {header.ProtocolId} is not 0 (transaction {header.TransactionId}): the peer is not speaking Modbus TCP; check host and port.",
                header.TransactionId);
        }

        if (header.Length > MaxLengthField)
        {
            throw new ModbusProtocolException(
                $"MBAP length {header.Length} exceeds the {MaxLengthField}-byte limit of unit id plus a {MaxPduLength}-byte PDU (transaction {header.TransactionId}).",
                header.TransactionId);
        }

        if (header.Length < 2)
        {
            throw new ModbusProtocolException(
                $"MBAP length {header.Length} is too short to hold a unit id and a function code (transaction {header.TransactionId}).",
                header.TransactionId);
        }

        return true;
    }
}
