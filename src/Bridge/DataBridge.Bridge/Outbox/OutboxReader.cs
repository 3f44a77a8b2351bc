using System.Text;

namespace DataBridge.Bridge.Outbox;

/// <summary>
/// Reads one sink's records in log order, from its committed read position, durable records only (a record a crash could
/// still take back is never handed to a sink). Unreadable bytes come out as a synthetic <see cref="RecordKind.Gap"/>
/// record (<see cref="GapReason.Corruption"/>), attributed to a source when the neighbouring records show which sequence
/// numbers are missing. Not thread-safe: one reader per sink, used by one loop.
/// </summary>
public sealed class OutboxReader : IDisposable
{
    private readonly Outbox _outbox;
    private readonly List<(byte[] Utf8, string Value)> _sourceNames = [];
    private SegmentState? _segment;
    private IOutboxFile? _file;
    private SegmentScanner? _scanner;
    private OutboxRecord? _held;
    private string? _previousSource;
    private long _previousSequence;

    internal OutboxReader(Outbox outbox, string sinkName, long start)
    {
        _outbox = outbox;
        SinkName = sinkName;
        Position = start;
    }

    /// <summary>The sink this reader serves.</summary>
    public string SinkName { get; }

    /// <summary>Position of the next record to read.</summary>
    public long Position { get; private set; }

    /// <summary>Waits until a durable record is available and returns it.</summary>
    public async ValueTask<OutboxRecord> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (TryRead(out var record))
            {
                return record;
            }

            await _outbox.WaitForDurableBeyondAsync(Position, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns the next durable record if one is available now.</summary>
    public bool TryRead([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OutboxRecord? record)
    {
        if (_held is not null)
        {
            record = _held;
            _held = null;
            Position = record.NextPosition;
            return true;
        }

        while (true)
        {
            var (segment, durable, first) = _outbox.Locate(Position);
            if (Position < first)
            {
                // Dropped under drop-oldest: the outbox wrote gap records for it at the log's end.
                CloseSegment();
                Position = first;
                _previousSource = null;
                continue;
            }

            if (segment is null || Position >= durable)
            {
                record = null;
                return false;
            }

            if (segment.Base > Position)
            {
                // Positions that no segment holds any more (a lost or emptied file found by recovery).
                record = Synthetic(string.Empty, new GapInfo(-1, -1, GapReason.Corruption, Position, segment.Base - Position), Position, segment.Base);
                CloseSegment();
                Position = segment.Base;
                _previousSource = null;
                return true;
            }

            if (!ReferenceEquals(segment, _segment))
            {
                if (!OpenSegment(segment))
                {
                    continue;
                }
            }

            var limit = Math.Min(segment.End, durable);
            _scanner!.ExtendLimit(SegmentFile.HeaderLength + (limit - segment.Base));
            var step = _scanner.Next(out var header, out var frame);
            switch (step.Kind)
            {
                case ScanStepKind.Record:
                    record = Materialise(segment, step, header, frame);
                    Position = record.NextPosition;
                    return true;
                case ScanStepKind.Corrupt:
                    record = CorruptionGap(segment, step);
                    return true;
                case ScanStepKind.TornTail:
                    record = Synthetic(string.Empty, new GapInfo(-1, -1, GapReason.Corruption, PositionOf(segment, step.Offset), step.Length), PositionOf(segment, step.Offset), limit);
                    Position = limit;
                    _previousSource = null;
                    return true;
                default:
                    if (segment.Sealed && Position >= segment.End)
                    {
                        CloseSegment();
                        var (next, _, _) = _outbox.Locate(Position);
                        if (next is not null && next != segment)
                        {
                            continue;
                        }
                    }

                    record = null;
                    return false;
            }
        }
    }

    private bool OpenSegment(SegmentState segment)
    {
        CloseSegment();
        try
        {
            _file = _outbox.Device.Open(segment.Name, create: false);
        }
        catch (FileNotFoundException)
        {
            // Deleted between Locate and Open (drop-oldest); the next Locate sees the new first position.
            return false;
        }

        _segment = segment;
        _scanner = new SegmentScanner(_file, SegmentFile.HeaderLength + (Position - segment.Base), SegmentFile.HeaderLength, _outbox.MaxRecordBytes);
        return true;
    }

    private OutboxRecord CorruptionGap(SegmentState segment, ScanStep step)
    {
        var start = PositionOf(segment, step.Offset);
        var resume = PositionOf(segment, step.Offset + step.Length);
        var previousSource = _previousSource;
        var previousSequence = _previousSequence;
        var next = _scanner!.Next(out var header, out var frame);
        OutboxRecord? after = next.Kind == ScanStepKind.Record ? Materialise(segment, next, header, frame) : null;
        GapInfo gap;
        var source = string.Empty;
        if (after is not null && previousSource is not null && after.Kind == RecordKind.Value
            && string.Equals(after.SourceId, previousSource, StringComparison.Ordinal) && after.Sequence > previousSequence + 1)
        {
            source = after.SourceId;
            gap = new GapInfo(previousSequence + 1, after.Sequence - 1, GapReason.Corruption, start, step.Length);
        }
        else
        {
            gap = new GapInfo(-1, -1, GapReason.Corruption, start, step.Length);
        }

        if (after is not null)
        {
            _held = after;
        }
        else
        {
            _scanner.Seek(step.Offset + step.Length);
        }

        Position = resume;
        return Synthetic(source, gap, start, resume);
    }

    private OutboxRecord Materialise(SegmentState segment, ScanStep step, FrameHeader header, ReadOnlySpan<byte> frame)
    {
        var source = SourceName(frame.Slice(FrameFormat.HeaderLength, header.SourceIdLength));
        var position = PositionOf(segment, step.Offset);
        if (header.Kind == RecordKind.Value)
        {
            _previousSource = source;
            _previousSequence = header.Sequence;
        }

        // One array for key and payload, as before for the payload alone.
        var body = frame.Slice(header.KeyOffset, header.KeyLength + header.PayloadLength).ToArray();
        return new OutboxRecord(header.Kind, source, header.Sequence, body.AsMemory(header.KeyLength), position, position + header.FrameLength)
        {
            Key = body.AsMemory(0, header.KeyLength),
        };
    }

    private static OutboxRecord Synthetic(string source, GapInfo gap, long position, long next) =>
        new(RecordKind.Gap, source, gap.FirstSequence, gap.ToArray(), position, next, IsSynthetic: true);

    private static long PositionOf(SegmentState segment, long fileOffset) => segment.Base + (fileOffset - SegmentFile.HeaderLength);

    /// <summary>Source ids repeat on every record; a short list of known names avoids a string per record.</summary>
    private string SourceName(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, value) in _sourceNames)
        {
            if (utf8.SequenceEqual(bytes))
            {
                return value;
            }
        }

        var name = Encoding.UTF8.GetString(utf8);
        if (_sourceNames.Count < 256)
        {
            _sourceNames.Add((utf8.ToArray(), name));
        }

        return name;
    }

    private void CloseSegment()
    {
        _scanner?.Dispose();
        _scanner = null;
        _file?.Dispose();
        _file = null;
        _segment = null;
    }

    /// <summary>Closes the open segment file.</summary>
    public void Dispose() => CloseSegment();
}
