using System.Buffers.Binary;

namespace DataBridge.Bridge.Outbox;

/// <summary>
/// Payload of a <see cref="RecordKind.Gap"/> record: the inclusive range of the record's source's sequence numbers that is
/// missing, and why. When the outbox cannot tell which source lost data (checksum failure between records of different
/// sources), the record's source id is empty, the sequences are -1 and the byte range of the unreadable log is given.
/// </summary>
/// <param name="FirstSequence">First missing sequence number (inclusive), or -1 when unattributed.</param>
/// <param name="LastSequence">Last missing sequence number (inclusive), or -1 when unattributed.</param>
/// <param name="Reason">Why the range is missing.</param>
/// <param name="BytePosition">Logical log position of unreadable bytes, or -1.</param>
/// <param name="ByteCount">Number of unreadable bytes, or 0.</param>
public readonly record struct GapInfo(long FirstSequence, long LastSequence, GapReason Reason, long BytePosition = -1, long ByteCount = 0)
{
    /// <summary>Encoded size in bytes.</summary>
    public const int EncodedLength = 36;

    private const byte Version = 1;

    /// <summary>True when the gap names a sequence range (rather than only unreadable bytes).</summary>
    public bool IsAttributed => FirstSequence >= 0;

    /// <summary>Writes the 36-byte encoding (version, reason, 2 reserved, first, last, byte position, byte count; little-endian).</summary>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < EncodedLength)
        {
            throw new ArgumentException($"GapInfo needs {EncodedLength} bytes.", nameof(destination));
        }

        destination[0] = Version;
        destination[1] = (byte)Reason;
        destination[2] = 0;
        destination[3] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(destination[4..], FirstSequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[12..], LastSequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[20..], BytePosition);
        BinaryPrimitives.WriteInt64LittleEndian(destination[28..], ByteCount);
    }

    /// <summary>Encodes into a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[EncodedLength];
        Write(bytes);
        return bytes;
    }

    /// <summary>Decodes a gap payload; false when the bytes are not a version-1 gap.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out GapInfo gap)
    {
        gap = default;
        if (source.Length < EncodedLength || source[0] != Version)
        {
            return false;
        }

        gap = new GapInfo(
            BinaryPrimitives.ReadInt64LittleEndian(source[4..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[12..]),
            (GapReason)source[1],
            BinaryPrimitives.ReadInt64LittleEndian(source[20..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[28..]));
        return true;
    }
}
