using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Outbox;

/// <summary>
/// The durable outbox between the tag pipeline and the sinks: an append-only, CRC-checked, segmented log. Appending is
/// separate from committing (as in FASTER's log): <see cref="AppendAsync(RecordKind, string, long, ReadOnlyMemory{byte}, CancellationToken)"/> buffers a frame, a background committer writes
/// and fsyncs batches (group commit), and <see cref="WaitForCommitAsync"/> tells the caller when a record is on disk so the
/// value can be acknowledged upstream. Sinks read durable records through <see cref="OpenReader"/> and report progress with
/// <see cref="CommitReadPositionAsync"/>.
/// </summary>
public sealed partial class Outbox : IAsyncDisposable
{
    private readonly OutboxOptions _options;
    private readonly IOutboxDevice _device;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly List<SegmentState> _segments;
    private readonly Dictionary<string, long> _lastSequences;
    private readonly SequenceRangeSet _refused;
    private readonly Dictionary<string, long> _sinkPositions;
    private readonly List<PendingWrite> _pending = [];
    private long _end;
    private long _durable;
    private long _first;
    private long _used;
    private long _pendingBytes;
    private long _appended;
    private long _rejected;
    private long _droppedRecords;
    private long _droppedSegments;
    private long _gapsWritten;
    private long _commits;
    private bool _closed;
    private FileStream? _directoryLock;
    private Exception? _fault;

    private Outbox(OutboxOptions options, IOutboxDevice device, TimeProvider time, ILogger logger, RecoveredState state)
    {
        _options = options;
        _device = device;
        _time = time;
        _logger = logger;
        _segments = state.Segments;
        _lastSequences = state.LastSequences;
        _durableLastSequences = new Dictionary<string, long>(state.LastSequences, StringComparer.Ordinal);
        _refused = state.Refused;
        _refusedDirty = !_refused.IsEmpty;
        _sinkPositions = state.SinkPositions;
        RecoveryReport = state.Report;
        _first = _segments[0].Base;
        _end = _segments[^1].End;
        _durable = _end;
        foreach (var s in _segments)
        {
            _used += s.FileBytes;
        }
    }

    /// <summary>What recovery found and repaired when this instance was opened.</summary>
    public OutboxRecoveryReport RecoveryReport { get; }

    /// <summary>Position after the last appended record (durable or not).</summary>
    public long EndPosition
    {
        get
        {
            lock (_gate)
            {
                return _end;
            }
        }
    }

    /// <summary>Position up to which every record is fsynced; records below it survive a crash or power loss.</summary>
    public long DurablePosition => Volatile.Read(ref _durable);

    /// <summary>Oldest position still on disk.</summary>
    public long FirstPosition => Volatile.Read(ref _first);

    /// <summary>The options in use.</summary>
    public OutboxOptions Options => _options;

    /// <summary>Opens (creating if needed) and recovers the outbox, then starts the group committer.</summary>
    /// <exception cref="OutboxException">Invalid options, or the directory cannot be read or written.</exception>
    public static Task<Outbox> OpenAsync(OutboxOptions options, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(
            () =>
            {
                var device = options.Device ?? new FileSystemOutboxDevice(options.Directory);
                var directoryLock = options.Device is null ? LockDirectory(options.Directory) : null;
                RecoveredState state;
                try
                {
                    state = OutboxRecovery.Recover(device, options, logger);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    directoryLock?.Dispose();
                    throw new OutboxException($"Could not open the outbox: {ex.Message} Check that the directory exists, is writable and the disk is healthy.", ex);
                }

                var outbox = new Outbox(options, device, timeProvider, logger, state) { _directoryLock = directoryLock };
                foreach (var sink in options.Sinks)
                {
                    outbox.RegisterSinkCore(sink);
                }

                outbox.WriteCheckpoint();
                outbox.StartCommitter();
                return outbox;
            },
            cancellationToken);
    }

    /// <summary>
    /// Two processes appending to one directory would interleave frames; an exclusive lock file (flock on Unix, released
    /// by the kernel when the process dies) makes the second one fail at open instead.
    /// </summary>
    private static FileStream LockDirectory(string directory)
    {
        var path = Path.Combine(Path.GetFullPath(directory), "outbox.lock");
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new OutboxException($"The outbox directory '{directory}' is in use by another process ({ex.Message}). Stop the other bridge or give this one its own outbox.directory.", ex);
        }
    }

    /// <summary>
    /// Appends one record. The returned end position becomes durable within <see cref="OutboxOptions.MaxCommitInterval"/>;
    /// await <see cref="WaitForCommitAsync"/> with it before acknowledging the value upstream. Under drop-oldest a full
    /// budget first deletes the oldest segment (writing gap records); under drop-newest the result is
    /// <see cref="AppendStatus.Rejected"/> and the sequence joins the source's refused range.
    /// </summary>
    /// <param name="kind">What the payload is.</param>
    /// <param name="sourceId">The source the sequence number belongs to (at most 255 UTF-8 bytes).</param>
    /// <param name="sequence">The per-source sequence number.</param>
    /// <param name="payload">Opaque bytes (copied before this call returns).</param>
    /// <param name="cancellationToken">Cancels waiting for space under drop-oldest.</param>
    public ValueTask<AppendResult> AppendAsync(RecordKind kind, string sourceId, long sequence, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default) =>
        AppendAsync(kind, sourceId, sequence, ReadOnlyMemory<byte>.Empty, payload, cancellationToken);

    /// <summary>
    /// Appends a record whose frame also stores <paramref name="key"/> (UTF-8, e.g. the Kafka key: the tag id), so a sink
    /// can send the stored payload as it is, without decoding it. Otherwise as <see cref="AppendAsync(RecordKind, string, long, ReadOnlyMemory{byte}, CancellationToken)"/>.
    /// </summary>
    public ValueTask<AppendResult> AppendAsync(RecordKind kind, string sourceId, long sequence, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        var result = TryAppend(kind, sourceId, sequence, key.Span, payload.Span, out var needsSpace);
        if (needsSpace)
        {
            return AppendAfterDropAsync(kind, sourceId, sequence, key, payload, cancellationToken);
        }

        // Backpressure: a producer that never waits for commits cannot buffer more than a few commit batches in memory.
        return Volatile.Read(ref _pendingBytes) > 8L * _options.MaxCommitBytes
            ? AppendWithBackpressureAsync(result, cancellationToken)
            : new ValueTask<AppendResult>(result);
    }

    private async ValueTask<AppendResult> AppendWithBackpressureAsync(AppendResult result, CancellationToken cancellationToken)
    {
        await WaitForCommitAsync(result.EndPosition, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async ValueTask<AppendResult> AppendAfterDropAsync(RecordKind kind, string sourceId, long sequence, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        while (true)
        {
            await DropOldestSegmentAsync(FrameFormat.FrameLength(FrameFormat.MaxSourceIdBytes, key.Length, payload.Length), cancellationToken).ConfigureAwait(false);
            var result = TryAppend(kind, sourceId, sequence, key.Span, payload.Span, out var needsSpace);
            if (!needsSpace)
            {
                return result;
            }
        }
    }

    /// <summary>
    /// The synchronous core of <see cref="AppendAsync(RecordKind, string, long, ReadOnlyMemory{byte}, ReadOnlyMemory{byte}, CancellationToken)"/>: buffers the frame, or reports that drop-oldest must make room first.
    /// </summary>
    internal AppendResult TryAppend(RecordKind kind, string sourceId, long sequence, ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload, out bool needsSpace)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        var sourceBytes = Encoding.UTF8.GetByteCount(sourceId);
        if (sourceBytes > FrameFormat.MaxSourceIdBytes)
        {
            throw new ArgumentException($"Source id '{sourceId}' is {sourceBytes} UTF-8 bytes; the outbox allows {FrameFormat.MaxSourceIdBytes}. Use a shorter source name.", nameof(sourceId));
        }

        if (key.Length > FrameFormat.MaxKeyBytes)
        {
            throw new ArgumentException($"A key of {key.Length} bytes does not fit a frame (at most {FrameFormat.MaxKeyBytes}).", nameof(key));
        }

        var frameLength = FrameFormat.FrameLength(sourceBytes, key.Length, payload.Length);
        if (frameLength > _options.MaxRecordBytes)
        {
            throw new OutboxException($"A {kind} record of source '{sourceId}' needs {frameLength} bytes; outbox.maxRecordBytes is {_options.MaxRecordBytes}. Raise the limit or split the value.");
        }

        lock (_gate)
        {
            ThrowIfUnusable();
            needsSpace = false;
            if (!_refused.IsEmpty && HasRoomLocked(RefusedGapBytesLocked() + frameLength))
            {
                WriteRefusedGapsLocked();
            }

            if (!HasRoomLocked(frameLength))
            {
                if (_options.Overflow == OverflowPolicy.DropOldest)
                {
                    needsSpace = true;
                    return default;
                }

                return RefuseLocked(kind, sourceId, sequence, payload);
            }

            var position = AppendFrameLocked(kind, sourceId, sourceBytes, sequence, key, payload);
            return new AppendResult(AppendStatus.Accepted, position, _end);
        }
    }

    private bool HasRoomLocked(long frameLength)
    {
        var active = _segments[^1];
        var rollCost = active.FileBytes + frameLength > _options.SegmentBytes ? SegmentFile.HeaderLength : 0;
        return _used + frameLength + rollCost <= _options.MaxDiskBytes;
    }

    /// <summary>Buffers a frame into the active segment (rolling when it is full), bypassing the budget. Returns its position.</summary>
    private long AppendFrameLocked(RecordKind kind, string sourceId, int sourceBytes, long sequence, ReadOnlySpan<byte> payload) =>
        AppendFrameLocked(kind, sourceId, sourceBytes, sequence, ReadOnlySpan<byte>.Empty, payload);

    private long AppendFrameLocked(RecordKind kind, string sourceId, int sourceBytes, long sequence, ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload)
    {
        var frameLength = FrameFormat.FrameLength(sourceBytes, key.Length, payload.Length);
        var segment = _segments[^1];
        if (segment.FileBytes + frameLength > _options.SegmentBytes && segment.Length > 0)
        {
            segment = RollLocked();
        }

        var chunk = ChunkForLocked(segment, frameLength);
        var frame = chunk.Buffer.AsSpan(chunk.Count, frameLength);
        Span<byte> sourceUtf8 = stackalloc byte[FrameFormat.MaxSourceIdBytes];
        sourceUtf8 = sourceUtf8[..Encoding.UTF8.GetBytes(sourceId, sourceUtf8)];
        FrameFormat.Write(frame, kind, sourceUtf8, sequence, key, payload);
        chunk.Count += frameLength;

        var position = _end;
        segment.Length += frameLength;
        segment.Records++;
        _end += frameLength;
        _used += frameLength;
        _pendingBytes += frameLength;
        _appended++;
        NoteSequenceLocked(kind, sourceId, sequence, payload);
        if (_pendingBytes >= _options.MaxCommitBytes)
        {
            _urgentSignal.TrySetResult();
        }

        WakeCommitterLocked();
        return position;
    }

    private void NoteSequenceLocked(RecordKind kind, string sourceId, long sequence, ReadOnlySpan<byte> payload)
    {
        var last = kind switch
        {
            RecordKind.Value => sequence,
            RecordKind.Gap when GapInfo.TryRead(payload, out var gap) && gap.IsAttributed => gap.LastSequence,
            _ => long.MinValue,
        };
        if (last != long.MinValue && (!_lastSequences.TryGetValue(sourceId, out var known) || last > known))
        {
            _lastSequences[sourceId] = last;
        }
    }

    private PendingWrite ChunkForLocked(SegmentState segment, int frameLength)
    {
        if (_pending.Count > 0)
        {
            var last = _pending[^1];
            if (last.Segment == segment && last.Buffer.Length - last.Count >= frameLength)
            {
                return last;
            }
        }

        var chunk = new PendingWrite(segment, segment.FileBytes, ArrayPool<byte>.Shared.Rent(Math.Max(64 * 1024, frameLength)));
        _pending.Add(chunk);
        return chunk;
    }

    private SegmentState RollLocked()
    {
        var old = _segments[^1];
        old.Sealed = true;
        var next = new SegmentState(old.End);
        next.Writer = _device.Open(next.Name, create: true);
        Span<byte> header = stackalloc byte[SegmentFile.HeaderLength];
        SegmentFile.WriteHeader(header, next.Base);
        next.Writer.Write(0, header);
        next.NeedsDirectoryFlush = true;
        _segments.Add(next);
        _used += SegmentFile.HeaderLength;
        return next;
    }

    /// <summary>The last sequence number the outbox holds for a source (values, gaps and refused ranges), across restarts.</summary>
    public bool TryGetLastSequence(string sourceId, out long sequence)
    {
        lock (_gate)
        {
            return _lastSequences.TryGetValue(sourceId, out sequence);
        }
    }

    /// <summary>Fill level and counters for health and metrics.</summary>
    public OutboxSnapshot GetSnapshot()
    {
        lock (_gate)
        {
            return new OutboxSnapshot(
                _used,
                _options.MaxDiskBytes,
                _segments.Count,
                _first,
                _end,
                _durable,
                _appended,
                _rejected,
                _droppedRecords,
                _droppedSegments,
                _gapsWritten,
                _commits,
                _refused.ToList(),
                new Dictionary<string, long>(_sinkPositions, StringComparer.Ordinal));
        }
    }

    private void ThrowIfUnusable()
    {
        if (_fault is not null)
        {
            throw new OutboxException($"The outbox failed earlier and accepts nothing more: {_fault.Message} Fix the disk problem and restart the bridge; recovery keeps everything that was committed.", _fault);
        }

        ObjectDisposedException.ThrowIf(_closed, this);
    }

    /// <summary>Bytes buffered for one segment at one file offset, written by the next commit.</summary>
    private sealed class PendingWrite(SegmentState segment, long fileOffset, byte[] buffer)
    {
        public SegmentState Segment { get; } = segment;

        public long FileOffset { get; } = fileOffset;

        public byte[] Buffer { get; } = buffer;

        public int Count { get; set; }
    }
}
