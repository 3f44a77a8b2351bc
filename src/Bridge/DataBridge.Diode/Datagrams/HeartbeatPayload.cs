using System.Buffers.Binary;
using System.Text;

namespace DataBridge.Diode.Datagrams;

/// <summary>
/// The payload of a heartbeat datagram: where the sender is and what it has sent, so the receiver can tell an idle link
/// from a dead one, notice a sender restart, and see records lost at the tail of a burst (no later datagram would
/// reveal them). Layout, big-endian:
/// <code>
///  0    1              9             17             25            33              41            49             57  59
///  +----+--------------+-------------+--------------+-------------+---------------+-------------+--------------+---+-- - -
///  |ver | sender time  | started at  | next block id| records sent| datagrams sent| blocks sent | bytes sent   | n | n × (len u8, source id UTF-8, last sequence i64)
///  +----+--------------+-------------+--------------+-------------+---------------+-------------+--------------+---+-- - -
/// </code>
/// Times are Unix milliseconds of the sender's clock.
/// </summary>
/// <param name="SenderTimeUnixMs">The sender's clock when it sent the heartbeat.</param>
/// <param name="StartedAtUnixMs">When the sender process started: a change means the sender restarted.</param>
/// <param name="NextBlockId">The id the sender's next FEC block will have: every lower block has been sent.</param>
/// <param name="RecordsSent">Records sent since start.</param>
/// <param name="DatagramsSent">Datagrams of any kind sent since start.</param>
/// <param name="BlocksSent">FEC blocks sent since start.</param>
/// <param name="BytesSent">Datagram bytes sent since start (UDP payload, headers and tags included).</param>
/// <param name="Sources">Each source's last sent sequence number (as many as fit; a sender with more rotates them).</param>
public sealed record HeartbeatPayload(
    long SenderTimeUnixMs,
    long StartedAtUnixMs,
    ulong NextBlockId,
    ulong RecordsSent,
    ulong DatagramsSent,
    ulong BlocksSent,
    ulong BytesSent,
    IReadOnlyList<SourcePosition> Sources)
{
    /// <summary>The heartbeat layout version this code writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>Bytes before the source list.</summary>
    public const int FixedLength = 59;

    /// <summary>Most sources in one heartbeat.</summary>
    public const int MaxSources = 1024;

    /// <summary>Bytes this heartbeat takes.</summary>
    public int Length
    {
        get
        {
            var length = FixedLength;
            foreach (var source in Sources)
            {
                length += 1 + Encoding.UTF8.GetByteCount(source.SourceId) + 8;
            }

            return length;
        }
    }

    /// <summary>Bytes one source entry takes, to decide how many fit in a payload.</summary>
    public static int EntryLength(string sourceId) => 1 + Encoding.UTF8.GetByteCount(sourceId) + 8;

    /// <summary>Writes the heartbeat and returns its length.</summary>
    /// <exception cref="ArgumentException">It does not fit, a source id exceeds 255 UTF-8 bytes, or there are too many sources.</exception>
    public int Write(Span<byte> destination)
    {
        if (Sources.Count > MaxSources)
        {
            throw new ArgumentException($"A heartbeat carries at most {MaxSources} sources, not {Sources.Count}.", nameof(destination));
        }

        var length = Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The heartbeat needs {length} bytes, the destination has {destination.Length}.", nameof(destination));
        }

        destination[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(destination[1..], SenderTimeUnixMs);
        BinaryPrimitives.WriteInt64BigEndian(destination[9..], StartedAtUnixMs);
        BinaryPrimitives.WriteUInt64BigEndian(destination[17..], NextBlockId);
        BinaryPrimitives.WriteUInt64BigEndian(destination[25..], RecordsSent);
        BinaryPrimitives.WriteUInt64BigEndian(destination[33..], DatagramsSent);
        BinaryPrimitives.WriteUInt64BigEndian(destination[41..], BlocksSent);
        BinaryPrimitives.WriteUInt64BigEndian(destination[49..], BytesSent);
        BinaryPrimitives.WriteUInt16BigEndian(destination[57..], (ushort)Sources.Count);
        var offset = FixedLength;
        foreach (var source in Sources)
        {
            var idLength = Encoding.UTF8.GetBytes(source.SourceId, destination[(offset + 1)..]);
            if (idLength > byte.MaxValue)
            {
                throw new ArgumentException($"Source id '{source.SourceId}' is {idLength} UTF-8 bytes; at most 255 fit.", nameof(destination));
            }

            destination[offset] = (byte)idLength;
            BinaryPrimitives.WriteInt64BigEndian(destination[(offset + 1 + idLength)..], source.LastSequence);
            offset += 1 + idLength + 8;
        }

        return offset;
    }

    /// <summary>Reads a heartbeat payload, checking every length against the bytes present.</summary>
    /// <exception cref="DiodeFormatException">Truncated, unknown version, too many sources, invalid UTF-8 or trailing bytes.</exception>
    public static HeartbeatPayload Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < FixedLength)
        {
            throw new DiodeFormatException("heartbeat.length", payload.Length, $"Heartbeat of {payload.Length} bytes is shorter than its {FixedLength}-byte fixed part.");
        }

        if (payload[0] != Version)
        {
            throw new DiodeFormatException("heartbeat.version", payload[0], $"Heartbeat version {payload[0]} is not the supported version {Version}.");
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(payload[57..]);
        if (count > MaxSources)
        {
            throw new DiodeFormatException("heartbeat.sourceCount", count, $"Heartbeat lists {count} sources, more than the {MaxSources} allowed.");
        }

        // Each entry takes at least 9 bytes: reject an impossible count before allocating the list for it.
        if (count * 9 > payload.Length - FixedLength)
        {
            throw new DiodeFormatException("heartbeat.sourceCount", count, $"Heartbeat lists {count} sources but only {payload.Length - FixedLength} bytes follow.");
        }

        var sources = new SourcePosition[count];
        var offset = FixedLength;
        var utf8 = new UTF8Encoding(false, true);
        for (var i = 0; i < count; i++)
        {
            if (offset >= payload.Length)
            {
                throw new DiodeFormatException("heartbeat.sourceCount", count, $"Heartbeat lists {count} sources but ends after {i}.");
            }

            int idLength = payload[offset];
            if (offset + 1 + idLength + 8 > payload.Length)
            {
                throw new DiodeFormatException("heartbeat.sourceIdLength", idLength, $"Heartbeat source {i}: a {idLength}-byte id and its sequence run past the {payload.Length}-byte payload.");
            }

            string id;
            try
            {
                id = utf8.GetString(payload.Slice(offset + 1, idLength));
            }
            catch (DecoderFallbackException e)
            {
                throw new DiodeFormatException("heartbeat.sourceId", i, $"Heartbeat source {i}: the id is not valid UTF-8.", e);
            }

            sources[i] = new SourcePosition(id, BinaryPrimitives.ReadInt64BigEndian(payload[(offset + 1 + idLength)..]));
            offset += 1 + idLength + 8;
        }

        if (offset != payload.Length)
        {
            throw new DiodeFormatException("heartbeat.length", payload.Length, $"Heartbeat has {payload.Length - offset} bytes after its last source entry.");
        }

        return new HeartbeatPayload(
            BinaryPrimitives.ReadInt64BigEndian(payload[1..]),
            BinaryPrimitives.ReadInt64BigEndian(payload[9..]),
            BinaryPrimitives.ReadUInt64BigEndian(payload[17..]),
            BinaryPrimitives.ReadUInt64BigEndian(payload[25..]),
            BinaryPrimitives.ReadUInt64BigEndian(payload[33..]),
            BinaryPrimitives.ReadUInt64BigEndian(payload[41..]),
            BinaryPrimitives.ReadUInt64BigEndian(payload[49..]),
            sources);
    }
}
