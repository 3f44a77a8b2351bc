using System.Buffers.Binary;
using System.Text;

namespace DataBridge.Diode.Packing;

/// <summary>
/// Packs records into payloads of at most <see cref="PayloadLength"/> bytes (<see cref="RecordFrame"/> layout), whole
/// when a record fits in one payload, in fragments across consecutive payloads when it does not. A payload goes to
/// the <see cref="IPayloadSink"/> when the next frame does not fit or on <see cref="Flush"/>. One buffer, reused.
/// </summary>
public sealed class RecordPacker
{
    // A fragment is only started in a partly filled payload when at least this many chunk bytes fit: tiny fragments
    // cost a 25-byte header each and buy nothing.
    private const int MinFragmentChunk = 64;

    private readonly IPayloadSink _sink;
    private readonly byte[] _payload;
    private int _length;
    private string? _lastSourceId;
    private byte[] _lastSourceBytes = [];

    /// <summary>Creates a packer that hands payloads of up to <paramref name="payloadLength"/> bytes to <paramref name="sink"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A length is outside its limits.</exception>
    public RecordPacker(IPayloadSink sink, int payloadLength = Datagrams.DatagramLimits.DefaultPayloadLength, int maxRecordLength = RecordFrame.DefaultMaxRecordLength)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(payloadLength, RecordFrame.MinPayloadLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadLength, Datagrams.DatagramLimits.MaxPayloadLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRecordLength, RecordFrame.MaxRecordLength);
        _sink = sink;
        _payload = new byte[payloadLength];
        MaxRecordLength = maxRecordLength;
    }

    /// <summary>Largest payload handed to the sink.</summary>
    public int PayloadLength => _payload.Length;

    /// <summary>Largest key plus value accepted (the receiver must be configured with at least as much).</summary>
    public int MaxRecordLength { get; }

    /// <summary>Bytes waiting in the current payload.</summary>
    public int PendingLength => _length;

    /// <summary>Records packed since creation.</summary>
    public long RecordCount { get; private set; }

    /// <summary>Fragment frames written since creation.</summary>
    public long FragmentCount { get; private set; }

    /// <summary>Payloads handed to the sink since creation.</summary>
    public long PayloadCount { get; private set; }

    /// <summary>Packs one record.</summary>
    /// <param name="kind">The record's kind, carried opaquely.</param>
    /// <param name="sourceId">Its source (at most 255 UTF-8 bytes; may be empty).</param>
    /// <param name="sequence">Its sequence number.</param>
    /// <param name="key">Kafka key bytes (empty: none).</param>
    /// <param name="value">Kafka value bytes.</param>
    /// <exception cref="ArgumentException">The source id is too long or key plus value exceeds <see cref="MaxRecordLength"/>.</exception>
    public void Add(byte kind, string sourceId, long sequence, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var source = SourceBytes(sourceId);
        var total = (long)key.Length + value.Length;
        if (total > MaxRecordLength)
        {
            throw new ArgumentException($"Record {sourceId}#{sequence} has {total} bytes of key and value, more than the {MaxRecordLength} allowed.", nameof(value));
        }

        var whole = RecordFrame.RecordOverhead + source.Length + (int)total;
        if (whole <= _payload.Length)
        {
            if (whole > _payload.Length - _length)
            {
                Flush();
            }

            WriteRecord(kind, source, sequence, key, value);
        }
        else
        {
            WriteFragments(kind, source, sequence, key, value);
        }

        RecordCount++;
    }

    /// <summary>Hands the current payload to the sink, if it holds anything.</summary>
    public void Flush()
    {
        if (_length == 0)
        {
            return;
        }

        _sink.OnPayload(_payload.AsSpan(0, _length));
        PayloadCount++;
        _length = 0;
    }

    private void WriteRecord(byte kind, ReadOnlySpan<byte> source, long sequence, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var span = _payload.AsSpan(_length);
        var o = WriteIdentity(span, RecordFrame.RecordType, kind, source, sequence);
        BinaryPrimitives.WriteUInt16BigEndian(span[o..], (ushort)key.Length);
        BinaryPrimitives.WriteUInt16BigEndian(span[(o + 2)..], (ushort)value.Length);
        o += 4;
        key.CopyTo(span[o..]);
        value.CopyTo(span[(o + key.Length)..]);
        _length += o + key.Length + value.Length;
    }

    private void WriteFragments(byte kind, ReadOnlySpan<byte> source, long sequence, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var total = key.Length + value.Length;
        var header = RecordFrame.FragmentOverhead + source.Length;
        var offset = 0;
        while (offset < total)
        {
            var room = _payload.Length - _length - header;
            if (room < Math.Min(MinFragmentChunk, total - offset))
            {
                Flush();
                continue;
            }

            var chunk = Math.Min(room, total - offset);
            var span = _payload.AsSpan(_length);
            var o = WriteIdentity(span, RecordFrame.FragmentType, kind, source, sequence);
            BinaryPrimitives.WriteUInt32BigEndian(span[o..], (uint)key.Length);
            BinaryPrimitives.WriteUInt32BigEndian(span[(o + 4)..], (uint)total);
            BinaryPrimitives.WriteUInt32BigEndian(span[(o + 8)..], (uint)offset);
            BinaryPrimitives.WriteUInt16BigEndian(span[(o + 12)..], (ushort)chunk);
            o += 14;

            // The chunk is bytes [offset, offset + chunk) of key followed by value.
            var destination = span.Slice(o, chunk);
            var fromKey = Math.Max(0, Math.Min(chunk, key.Length - offset));
            if (fromKey > 0)
            {
                key.Slice(offset, fromKey).CopyTo(destination);
            }

            if (chunk > fromKey)
            {
                value.Slice(offset + fromKey - key.Length, chunk - fromKey).CopyTo(destination[fromKey..]);
            }

            _length += o + chunk;
            offset += chunk;
            FragmentCount++;
        }
    }

    private static int WriteIdentity(Span<byte> span, byte type, byte kind, ReadOnlySpan<byte> source, long sequence)
    {
        span[0] = type;
        span[1] = kind;
        span[2] = (byte)source.Length;
        source.CopyTo(span[3..]);
        BinaryPrimitives.WriteInt64BigEndian(span[(3 + source.Length)..], sequence);
        return 3 + source.Length + 8;
    }

    // Records of one source come in runs: encode a source id once per run, not once per record.
    private ReadOnlySpan<byte> SourceBytes(string sourceId)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        if (!ReferenceEquals(sourceId, _lastSourceId) && sourceId != _lastSourceId)
        {
            var bytes = Encoding.UTF8.GetBytes(sourceId);
            if (bytes.Length > RecordFrame.MaxSourceIdLength)
            {
                throw new ArgumentException($"Source id '{sourceId}' is {bytes.Length} UTF-8 bytes; at most {RecordFrame.MaxSourceIdLength} fit.", nameof(sourceId));
            }

            _lastSourceBytes = bytes;
            _lastSourceId = sourceId;
        }

        return _lastSourceBytes;
    }
}
