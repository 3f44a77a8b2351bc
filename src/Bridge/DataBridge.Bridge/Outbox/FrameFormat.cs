using System.Buffers.Binary;

namespace DataBridge.Bridge.Outbox;

/// <summary>
/// The record frame. Little-endian:
/// <code>
///  0  u32  magic 0x4F584244 ("DBXO")
///  4  u32  body length L (bytes after offset 12)
///  8  u32  CRC-32C over bytes [4, 8) and [12, 12 + L): the length field and the body
/// 12  u8   kind                     \
/// 13  u8   source id length n        |
/// 14  u16  key length k              |  body (L = 12 + n + k + m bytes)
/// 16  i64  sequence                  |
/// 24  n    source id (UTF-8)         |
/// 24+n k   key (UTF-8; the Kafka key)|
/// 24+n+k m payload                  /
/// </code>
/// The magic lets a reader resynchronise after corrupt bytes; the CRC covers the length so a flipped length byte is caught.
/// Bytes 14-15 were "reserved (0)" before the key was stored: a frame written by an older bridge reads as k = 0, a
/// record without a stored key (the forwarder then takes the key from the payload; docs/outbox.md, "Format history").
/// </summary>
internal static class FrameFormat
{
    public const uint Magic = 0x4F584244;
    public const int PrefixLength = 12;
    public const int FixedBodyLength = 12;
    public const int HeaderLength = PrefixLength + FixedBodyLength;
    public const int MaxSourceIdBytes = 255;
    public const int MaxKeyBytes = ushort.MaxValue;

    public static int FrameLength(int sourceIdBytes, int payloadBytes) => HeaderLength + sourceIdBytes + payloadBytes;

    public static int FrameLength(int sourceIdBytes, int keyBytes, int payloadBytes) => HeaderLength + sourceIdBytes + keyBytes + payloadBytes;

    /// <summary>Writes a whole frame into <paramref name="destination"/>, which must be exactly <see cref="FrameLength(int, int, int)"/> bytes.</summary>
    public static void Write(Span<byte> destination, RecordKind kind, ReadOnlySpan<byte> sourceIdUtf8, long sequence, ReadOnlySpan<byte> payload) =>
        Write(destination, kind, sourceIdUtf8, sequence, ReadOnlySpan<byte>.Empty, payload);

    /// <summary>Writes a whole frame with a stored key; <paramref name="destination"/> must be exactly the frame's length.</summary>
    public static void Write(Span<byte> destination, RecordKind kind, ReadOnlySpan<byte> sourceIdUtf8, long sequence, ReadOnlySpan<byte> keyUtf8, ReadOnlySpan<byte> payload)
    {
        var bodyLength = FixedBodyLength + sourceIdUtf8.Length + keyUtf8.Length + payload.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)bodyLength);
        destination[12] = (byte)kind;
        destination[13] = (byte)sourceIdUtf8.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[14..], (ushort)keyUtf8.Length);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], sequence);
        sourceIdUtf8.CopyTo(destination[HeaderLength..]);
        keyUtf8.CopyTo(destination[(HeaderLength + sourceIdUtf8.Length)..]);
        payload.CopyTo(destination[(HeaderLength + sourceIdUtf8.Length + keyUtf8.Length)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], ComputeCrc(destination, bodyLength));
    }

    private static uint ComputeCrc(ReadOnlySpan<byte> frame, int bodyLength)
    {
        var crc = Crc32C.Append(Crc32C.Start, frame.Slice(4, 4));
        crc = Crc32C.Append(crc, frame.Slice(PrefixLength, bodyLength));
        return Crc32C.Finish(crc);
    }

    /// <summary>
    /// Checks the frame at the start of <paramref name="buffer"/>. <paramref name="available"/> is how many bytes the
    /// file still has from this offset (the buffer may hold fewer); the length is validated against it and against
    /// <paramref name="maxBodyLength"/> before anything else is read.
    /// </summary>
    public static FrameCheck Check(ReadOnlySpan<byte> buffer, long available, int maxBodyLength, out FrameHeader header)
    {
        header = default;
        if (available < HeaderLength)
        {
            return FrameCheck.Invalid;
        }

        if (buffer.Length < PrefixLength)
        {
            return FrameCheck.NeedMore;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(buffer) != Magic)
        {
            return FrameCheck.Invalid;
        }

        var bodyLength = BinaryPrimitives.ReadUInt32LittleEndian(buffer[4..]);
        if (bodyLength < FixedBodyLength || bodyLength > (uint)maxBodyLength || PrefixLength + bodyLength > available)
        {
            return FrameCheck.Invalid;
        }

        var frameLength = PrefixLength + (int)bodyLength;
        if (buffer.Length < frameLength)
        {
            return FrameCheck.NeedMore;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(buffer[8..]) != ComputeCrc(buffer, (int)bodyLength))
        {
            return FrameCheck.Invalid;
        }

        var sourceLength = buffer[13];
        var keyLength = BinaryPrimitives.ReadUInt16LittleEndian(buffer[14..]);
        var kind = (RecordKind)buffer[12];
        if (FixedBodyLength + sourceLength + keyLength > bodyLength || kind < RecordKind.Value || kind > RecordKind.Metadata)
        {
            return FrameCheck.Invalid;
        }

        header = new FrameHeader(kind, BinaryPrimitives.ReadInt64LittleEndian(buffer[16..]), sourceLength, frameLength, keyLength);
        return FrameCheck.Valid;
    }
}

/// <summary>Outcome of <see cref="FrameFormat.Check"/>.</summary>
internal enum FrameCheck
{
    Valid,
    NeedMore,
    Invalid,
}

/// <summary>The decoded fixed part of a valid frame.</summary>
internal readonly record struct FrameHeader(RecordKind Kind, long Sequence, int SourceIdLength, int FrameLength, int KeyLength = 0)
{
    public int KeyOffset => FrameFormat.HeaderLength + SourceIdLength;

    public int PayloadOffset => KeyOffset + KeyLength;

    public int PayloadLength => FrameLength - PayloadOffset;
}
