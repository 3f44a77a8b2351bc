using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace DataBridge.Diode.Packing;

/// <summary>
/// Reads the records out of data payloads in stream order and reassembles fragmented ones. Memory is bounded: at most
/// one record is being reassembled at a time (the packer never interleaves fragments), in a buffer of at most
/// <see cref="MaxRecordLength"/> bytes. Malformed frames raise <see cref="DiodeFormatException"/> naming the field;
/// records before the bad frame in the same payload have been delivered, the rest of that payload is dropped.
/// </summary>
public sealed class RecordUnpacker : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private byte[]? _partial;
    private byte _partialKind;
    private string _partialSource = string.Empty;
    private long _partialSequence;
    private int _partialKeyLength;
    private int _partialTotal;
    private int _partialReceived;

    // The last orphan reported, so the later fragments of the same lost record do not report it again.
    private string? _orphanSource;
    private long _orphanSequence;

    private byte[] _lastSourceBytes = [];
    private string _lastSourceId = string.Empty;

    /// <summary>Creates an unpacker that accepts records of up to <paramref name="maxRecordLength"/> bytes of key and value.</summary>
    public RecordUnpacker(int maxRecordLength = RecordFrame.DefaultMaxRecordLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRecordLength, RecordFrame.MaxRecordLength);
        MaxRecordLength = maxRecordLength;
    }

    /// <summary>Largest key plus value accepted.</summary>
    public int MaxRecordLength { get; }

    /// <summary>True while a fragmented record is part-way reassembled.</summary>
    public bool HasPartialRecord => _partial is not null;

    /// <summary>Delivers every record in <paramref name="payload"/> to <paramref name="sink"/>.</summary>
    /// <exception cref="DiodeFormatException">A frame is malformed (the partial record, if any, is reported lost).</exception>
    public void Unpack(ReadOnlySpan<byte> payload, IRecordSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        try
        {
            var offset = 0;
            while (offset < payload.Length)
            {
                var type = payload[offset];
                if (type == RecordFrame.EndType)
                {
                    var garbage = payload[offset..].IndexOfAnyExcept((byte)0);
                    if (garbage >= 0)
                    {
                        throw new DiodeFormatException("frame.padding", offset + garbage, $"Non-zero byte at offset {offset + garbage} in the padding after the last frame.");
                    }

                    return;
                }

                offset = type switch
                {
                    RecordFrame.RecordType => ReadRecord(payload, offset, sink),
                    RecordFrame.FragmentType => ReadFragment(payload, offset, sink),
                    _ => throw new DiodeFormatException("frame.type", type, $"Unknown frame type {type} at offset {offset}: expected 0 (end), 1 (record) or 2 (fragment)."),
                };
            }
        }
        catch (DiodeFormatException)
        {
            AbandonPartial(sink);
            throw;
        }
    }

    /// <summary>
    /// Tells the unpacker that payloads were lost before the next one (an unrecoverable FEC block): a record being
    /// reassembled cannot be completed and is reported lost now.
    /// </summary>
    public void MarkDiscontinuity(IRecordSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        AbandonPartial(sink);
    }

    /// <summary>Returns the reassembly buffer.</summary>
    public void Dispose() => ReleasePartial();

    private int ReadRecord(ReadOnlySpan<byte> payload, int start, IRecordSink sink)
    {
        var o = ReadIdentity(payload, start, out var kind, out var source, out var sequence);
        Need(payload, o, 4, "record.keyLength");
        int keyLength = BinaryPrimitives.ReadUInt16BigEndian(payload[o..]);
        int valueLength = BinaryPrimitives.ReadUInt16BigEndian(payload[(o + 2)..]);
        o += 4;
        Need(payload, o, keyLength + valueLength, "record.valueLength", valueLength);

        // A whole record between fragments of another means that record's tail was lost.
        AbandonPartial(sink);
        var record = new PackedRecord(kind, source, sequence, payload.Slice(o, keyLength), payload.Slice(o + keyLength, valueLength));
        sink.OnRecord(in record);
        return o + keyLength + valueLength;
    }

    private int ReadFragment(ReadOnlySpan<byte> payload, int start, IRecordSink sink)
    {
        var o = ReadIdentity(payload, start, out var kind, out var source, out var sequence);
        Need(payload, o, 14, "fragment.header");
        var keyLength = BinaryPrimitives.ReadUInt32BigEndian(payload[o..]);
        var total = BinaryPrimitives.ReadUInt32BigEndian(payload[(o + 4)..]);
        var offset = BinaryPrimitives.ReadUInt32BigEndian(payload[(o + 8)..]);
        int chunk = BinaryPrimitives.ReadUInt16BigEndian(payload[(o + 12)..]);
        o += 14;
        if (total == 0 || total > (uint)MaxRecordLength)
        {
            throw new DiodeFormatException("fragment.totalLength", total, $"Fragmented record {source}#{sequence} claims {total} bytes; the limit is 1..{MaxRecordLength} (raise the receiver's maxRecordLength if the sender's is larger).");
        }

        if (keyLength > total)
        {
            throw new DiodeFormatException("fragment.keyLength", keyLength, $"Fragmented record {source}#{sequence}: a {keyLength}-byte key in {total} bytes.");
        }

        if (chunk == 0 || offset > total || chunk > total - offset)
        {
            throw new DiodeFormatException("fragment.chunkLength", chunk, $"Fragment of {source}#{sequence} at offset {offset} with {chunk} bytes does not lie inside its {total}-byte record.");
        }

        Need(payload, o, chunk, "fragment.chunkLength", chunk);
        var continues = _partial is not null && _partialSequence == sequence && _partialKind == kind && _partialTotal == (int)total
            && _partialKeyLength == (int)keyLength && _partialReceived == (int)offset && _partialSource == source;
        if (!continues)
        {
            AbandonPartial(sink);
            if (offset != 0)
            {
                // The record's start was lost: report it once, skip the rest of its fragments.
                if (_orphanSource != source || _orphanSequence != sequence)
                {
                    _orphanSource = source;
                    _orphanSequence = sequence;
                    sink.OnRecordLost(new LostRecord(kind, source, sequence, chunk, (int)total));
                }

                return o + chunk;
            }

            _partial = ArrayPool<byte>.Shared.Rent((int)total);
            _partialKind = kind;
            _partialSource = source;
            _partialSequence = sequence;
            _partialKeyLength = (int)keyLength;
            _partialTotal = (int)total;
            _partialReceived = 0;
        }

        payload.Slice(o, chunk).CopyTo(_partial.AsSpan(_partialReceived));
        _partialReceived += chunk;
        if (_partialReceived == _partialTotal)
        {
            var body = _partial.AsSpan(0, _partialTotal);
            var record = new PackedRecord(kind, source, sequence, body[.._partialKeyLength], body[_partialKeyLength..]);
            try
            {
                sink.OnRecord(in record);
            }
            finally
            {
                ReleasePartial();
            }
        }

        return o + chunk;
    }

    private int ReadIdentity(ReadOnlySpan<byte> payload, int start, out byte kind, out string source, out long sequence)
    {
        Need(payload, start + 1, 2, "frame.header");
        kind = payload[start + 1];
        int sourceLength = payload[start + 2];
        var o = start + 3;
        Need(payload, o, sourceLength + 8, "frame.sourceIdLength", sourceLength);
        source = SourceId(payload.Slice(o, sourceLength), o);
        sequence = BinaryPrimitives.ReadInt64BigEndian(payload[(o + sourceLength)..]);
        return o + sourceLength + 8;
    }

    private string SourceId(ReadOnlySpan<byte> bytes, int offset)
    {
        if (bytes.SequenceEqual(_lastSourceBytes))
        {
            return _lastSourceId;
        }

        try
        {
            _lastSourceId = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new DiodeFormatException("frame.sourceId", offset, $"The source id at offset {offset} is not valid UTF-8.", e);
        }

        _lastSourceBytes = bytes.ToArray();
        return _lastSourceId;
    }

    private static void Need(ReadOnlySpan<byte> payload, int offset, int count, string field, long? value = null)
    {
        if (offset + count > payload.Length)
        {
            throw new DiodeFormatException(field, value ?? count, $"The frame field {field} needs {count} bytes at offset {offset}; the payload ends at {payload.Length}.");
        }
    }

    private void AbandonPartial(IRecordSink sink)
    {
        if (_partial is null)
        {
            return;
        }

        var lost = new LostRecord(_partialKind, _partialSource, _partialSequence, _partialReceived, _partialTotal);

        // Its remaining fragments, if they come, are orphans of a record already reported.
        _orphanSource = _partialSource;
        _orphanSequence = _partialSequence;
        ReleasePartial();
        sink.OnRecordLost(in lost);
    }

    private void ReleasePartial()
    {
        if (_partial is not null)
        {
            ArrayPool<byte>.Shared.Return(_partial);
            _partial = null;
        }
    }
}
