using System.Buffers.Binary;

namespace DataBridge.Diode.Datagrams;

/// <summary>
/// The fixed 30-byte header of every diode datagram, all integers big-endian:
/// <code>
///  0       2   3   4           8                  16                 24  25  26  27  28      30
///  +-------+---+---+-----------+------------------+------------------+---+---+---+---+-------+--------- - - -+----------+
///  | magic |ver|knd| stream id | datagram sequence|     block id     |sym| k | m |flg|pay len| payload        | tag (16) |
///  +-------+---+---+-----------+------------------+------------------+---+---+---+---+-------+--------- - - -+----------+
/// </code>
/// magic 0xDBD1, version 1, kind (<see cref="DatagramKind"/>), flags 0. For data and parity datagrams <c>sym</c> is
/// the symbol's index in its block (data 0..k-1, parity k..k+m-1); for heartbeats block id, sym, k and m are 0.
/// The tag (<see cref="DatagramAuthenticator"/>) covers header and payload.
/// </summary>
/// <param name="Kind">Data, parity or heartbeat.</param>
/// <param name="StreamId">The sender instance's stream: a receiver keeps state per stream.</param>
/// <param name="Sequence">The datagram's number in its stream, +1 per datagram of any kind: lets the receiver count loss.</param>
/// <param name="BlockId">The FEC block the symbol belongs to (0 for a heartbeat).</param>
/// <param name="SymbolIndex">The symbol's index within its block.</param>
/// <param name="DataCount">k, the block's data symbols.</param>
/// <param name="ParityCount">m, the block's parity symbols.</param>
/// <param name="PayloadLength">Bytes of payload between header and tag.</param>
public readonly record struct DatagramHeader(
    DatagramKind Kind,
    uint StreamId,
    ulong Sequence,
    ulong BlockId,
    byte SymbolIndex,
    byte DataCount,
    byte ParityCount,
    ushort PayloadLength)
{
    /// <summary>Bytes the header takes.</summary>
    public const int Length = DatagramLimits.HeaderLength;

    /// <summary>Header plus payload plus tag.</summary>
    public int DatagramLength => Length + PayloadLength + DatagramLimits.TagLength;

    /// <summary>Writes the 30 bytes into <paramref name="destination"/> (magic, version and zero flags included).</summary>
    /// <exception cref="ArgumentException">The destination is shorter than the header.</exception>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"A datagram header needs {Length} bytes, the destination has {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, DatagramLimits.Magic);
        destination[2] = DatagramLimits.Version;
        destination[3] = (byte)Kind;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], StreamId);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Sequence);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], BlockId);
        destination[24] = SymbolIndex;
        destination[25] = DataCount;
        destination[26] = ParityCount;
        destination[27] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[28..], PayloadLength);
    }

    /// <summary>
    /// Reads the header fields of a datagram of <paramref name="datagram"/>.Length bytes and checks its structure:
    /// length, magic, version, and a payload length that matches the datagram's size exactly. Returns false with the
    /// error otherwise, without allocating (the rules are constant strings). Field semantics are checked by <see cref="Validate"/>, after authentication.
    /// </summary>
    public static bool TryReadStructure(ReadOnlySpan<byte> datagram, out DatagramHeader header, out DatagramError error)
    {
        header = default;
        if (datagram.Length < DatagramLimits.OverheadLength || datagram.Length > DatagramLimits.MaxDatagramLength)
        {
            error = new DatagramError("datagram.length", datagram.Length, "is outside the 46..8238 bytes a datagram can have");
            return false;
        }

        var magic = BinaryPrimitives.ReadUInt16BigEndian(datagram);
        if (magic != DatagramLimits.Magic)
        {
            error = new DatagramError("header.magic", magic, "is not 0xDBD1 (56273): not a DataBridge diode datagram");
            return false;
        }

        if (datagram[2] != DatagramLimits.Version)
        {
            error = new DatagramError("header.version", datagram[2], "is not the supported version 1: run the same DataBridge version on both sides");
            return false;
        }

        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[28..]);
        if (payloadLength != datagram.Length - DatagramLimits.OverheadLength)
        {
            error = new DatagramError("header.payloadLength", payloadLength, "does not match the datagram's size (30-byte header + payload + 16-byte tag): truncated or padded in transit");
            return false;
        }

        header = new DatagramHeader(
            (DatagramKind)datagram[3],
            BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]),
            BinaryPrimitives.ReadUInt64BigEndian(datagram[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(datagram[16..]),
            datagram[24],
            datagram[25],
            datagram[26],
            payloadLength);
        var flags = datagram[27];
        if (flags != 0)
        {
            error = new DatagramError("header.flags", flags, "must be 0 in version 1");
            return false;
        }

        error = default;
        return true;
    }

    /// <summary>
    /// Checks the fields against the rules of their kind: known kind; for data and parity 1 ≤ k ≤ 224, 0 ≤ m ≤ 64, k + m ≤ 255,
    /// a symbol index inside the block and a non-empty payload; for heartbeats block id, index, k and m all 0.
    /// </summary>
    public bool Validate(out DatagramError error)
    {
        error = default;
        switch (Kind)
        {
            case DatagramKind.Heartbeat:
                if (BlockId != 0 || SymbolIndex != 0 || DataCount != 0 || ParityCount != 0)
                {
                    error = BlockId != 0 ? new DatagramError("header.blockId", (long)BlockId, "must be 0 in a heartbeat")
                        : SymbolIndex != 0 ? new DatagramError("header.symbolIndex", SymbolIndex, "must be 0 in a heartbeat")
                        : DataCount != 0 ? new DatagramError("header.dataCount", DataCount, "must be 0 in a heartbeat")
                        : new DatagramError("header.parityCount", ParityCount, "must be 0 in a heartbeat");
                    return false;
                }

                return true;
            case DatagramKind.Data or DatagramKind.Parity:
                if (DataCount is < 1 or > DatagramLimits.MaxDataCount)
                {
                    error = new DatagramError("header.dataCount", DataCount, "is outside 1..224");
                    return false;
                }

                if (DataCount + ParityCount > DatagramLimits.MaxSymbolsPerBlock)
                {
                    error = new DatagramError("header.parityCount", ParityCount, "makes more than 255 symbols in the block");
                    return false;
                }

                if (ParityCount > DatagramLimits.MaxParityCount)
                {
                    error = new DatagramError("header.parityCount", ParityCount, "is above 64");
                    return false;
                }

                var first = Kind == DatagramKind.Data ? 0 : DataCount;
                var end = Kind == DatagramKind.Data ? DataCount : DataCount + ParityCount;
                if (SymbolIndex < first || SymbolIndex >= end)
                {
                    error = new DatagramError("header.symbolIndex", SymbolIndex, $"is outside {first}..{end - 1}, the {Kind} symbols of a block of {DataCount} + {ParityCount}");
                    return false;
                }

                if (PayloadLength == 0)
                {
                    error = new DatagramError("header.payloadLength", 0, $"is empty: a {Kind} symbol carries at least one byte");
                    return false;
                }

                return true;
            default:
                error = new DatagramError("header.kind", (byte)Kind, "is not 1 (data), 2 (parity) or 3 (heartbeat)");
                return false;
        }
    }
}
