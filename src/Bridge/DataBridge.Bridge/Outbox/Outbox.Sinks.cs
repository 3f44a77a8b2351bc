using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Outbox;

/// <summary>Sink side: readers, committed read positions, and deleting segments every sink has passed.</summary>
public sealed partial class Outbox
{
    private readonly SemaphoreSlim _positionsWrite = new(1, 1);

    /// <summary>
    /// Opens a reader for <paramref name="sinkName"/> starting at its committed read position (registering the sink at
    /// the oldest position if it is new). One reader per sink at a time.
    /// </summary>
    public OutboxReader OpenReader(string sinkName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sinkName);
        long start;
        lock (_gate)
        {
            ThrowIfUnusable();
            start = RegisterSinkCore(sinkName);
        }

        return new OutboxReader(this, sinkName, start);
    }

    /// <summary>The committed read position of a sink, or null when it is not registered.</summary>
    public long? GetReadPosition(string sinkName)
    {
        lock (_gate)
        {
            return _sinkPositions.TryGetValue(sinkName, out var p) ? p : null;
        }
    }

    private long RegisterSinkCore(string sinkName)
    {
        lock (_gate)
        {
            if (!_sinkPositions.TryGetValue(sinkName, out var position))
            {
                position = _first;
                _sinkPositions.Add(sinkName, position);
            }

            return Math.Max(position, _first);
        }
    }

    /// <summary>
    /// Records durably (temp file + fsync + rename) that <paramref name="sinkName"/> has delivered everything before
    /// <paramref name="position"/> (an <see cref="OutboxRecord.NextPosition"/>), then deletes segments that every registered
    /// sink has passed. Call it from delivery reports, batched (e.g. every 100 ms): each call costs two fsyncs.
    /// </summary>
    public async ValueTask CommitReadPositionAsync(string sinkName, long position, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sinkName);
        await _positionsWrite.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            byte[] bytes;
            lock (_gate)
            {
                ThrowIfUnusable();
                if (position > _durable)
                {
                    throw new ArgumentOutOfRangeException(nameof(position), $"Sink '{sinkName}' cannot commit position {position}: only {_durable} is durable.");
                }

                _sinkPositions.TryGetValue(sinkName, out var current);
                _sinkPositions[sinkName] = Math.Max(current, position);
                bytes = OutboxState.Serialize(_sinkPositions);
            }

            _device.ReplaceAtomically(OutboxState.SinksFile, bytes);
        }
        finally
        {
            _positionsWrite.Release();
        }

        await DeletePassedSegmentsAsync(cancellationToken).ConfigureAwait(false);
    }

    private long? MinSinkPositionLocked()
    {
        long? min = null;
        foreach (var p in _sinkPositions.Values)
        {
            min = min is null ? p : Math.Min(min.Value, p);
        }

        return min;
    }

    private async ValueTask DeletePassedSegmentsAsync(CancellationToken cancellationToken)
    {
        await _maintenance.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var deleted = new List<string>();
            lock (_gate)
            {
                var min = MinSinkPositionLocked();
                while (min is not null && _segments.Count > 1 && _segments[0].Sealed && _segments[0].Writer is null && _segments[0].End <= min.Value)
                {
                    var s = _segments[0];
                    _segments.RemoveAt(0);
                    _used -= s.FileBytes;
                    deleted.Add(s.Name);
                }

                if (deleted.Count > 0)
                {
                    _first = _segments[0].Base;
                    _checkpointDirty = true;
                    if (!_refused.IsEmpty && HasRoomLocked(RefusedGapBytesLocked()))
                    {
                        WriteRefusedGapsLocked();
                    }

                    WakeCommitterLocked();
                }
            }

            foreach (var name in deleted)
            {
                _device.Delete(name);
                _logger.LogDebug("Outbox deleted segment {Segment}: every sink has passed it", name);
            }

            if (deleted.Count > 0)
            {
                _device.FlushDirectory();
            }
        }
        finally
        {
            _maintenance.Release();
        }
    }

    /// <summary>Finds the segment holding <paramref name="position"/>, or the first one starting after it; null past the end.</summary>
    internal (SegmentState? Segment, long DurableEnd, long First) Locate(long position)
    {
        lock (_gate)
        {
            foreach (var s in _segments)
            {
                if (position < s.End || (position == s.End && !s.Sealed) || s.Base > position)
                {
                    return (s, _durable, _first);
                }
            }

            return (null, _durable, _first);
        }
    }

    internal IOutboxDevice Device => _device;

    internal int MaxRecordBytes => _options.MaxRecordBytes;
}
