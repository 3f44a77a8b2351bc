using System.Buffers;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Outbox;

/// <summary>Group commit: one background loop writes and fsyncs everything appended since the last round.</summary>
public sealed partial class Outbox
{
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _wake = NewSignal();
    private TaskCompletionSource _urgentSignal = NewSignal();
    private TaskCompletionSource _commitDone = NewSignal();

    // Swapped when the durable position moves (at the END of a round). Readers wait on this one, not on _commitDone:
    // _commitDone is swapped when a round STARTS, so a reader that checked the durable position during a round would
    // wait for the next round, which nothing may ever trigger (no new appends), although the running round makes its
    // record durable. That lost wake-up stalled a forwarder with everything on disk.
    private TaskCompletionSource _durableChanged = NewSignal();
    private bool _refusedDirty;
    private bool _checkpointDirty;
    private Task _committer = Task.CompletedTask;

    // Last sequences of durable records only: a checkpoint must not promise numbers a crash could still take back,
    // or the pipeline would skip them after restart and leave a hole no gap record explains.
    private Dictionary<string, long> _durableLastSequences = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes everything appended (and every refusal) before this call durable now, without waiting for the group-commit
    /// interval. Use it before a clean shutdown or when a batch must be acknowledged at once.
    /// </summary>
    public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        Task round;
        lock (_gate)
        {
            ThrowIfUnusable();
            round = _commitDone.Task;
            _urgentSignal.TrySetResult();
            WakeCommitterLocked();
        }

        await round.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes once every record before <paramref name="endPosition"/> (an <see cref="AppendResult.EndPosition"/>) is
    /// fsynced under the group-commit policy. Throws <see cref="OutboxException"/> if the disk write failed.
    /// </summary>
    public ValueTask WaitForCommitAsync(long endPosition, CancellationToken cancellationToken = default) =>
        DurablePosition >= endPosition ? ValueTask.CompletedTask : WaitForCommitSlowAsync(endPosition, cancellationToken);

    private async ValueTask WaitForCommitSlowAsync(long endPosition, CancellationToken cancellationToken)
    {
        while (DurablePosition < endPosition)
        {
            Task round;
            lock (_gate)
            {
                ThrowIfUnusable();
                if (endPosition > _end)
                {
                    throw new ArgumentOutOfRangeException(nameof(endPosition), $"Position {endPosition} was never appended (end is {_end}).");
                }

                round = _commitDone.Task;
                if (_options.CommitWhenAwaited)
                {
                    _urgentSignal.TrySetResult();
                }

                WakeCommitterLocked();
            }

            await round.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Called with the reader's position each time a reader finds nothing durable beyond it and is about to wait: lets a
    /// test prove "the reader waits" by an explicit signal instead of sleeping and looking.
    /// </summary>
    internal Action<long>? ReaderWaiting { get; set; }

    /// <summary>Completes when the durable position moves past <paramref name="position"/> (readers waiting for data).</summary>
    internal async ValueTask WaitForDurableBeyondAsync(long position, CancellationToken cancellationToken)
    {
        while (DurablePosition <= position)
        {
            Task round;
            lock (_gate)
            {
                ThrowIfUnusable();
                if (_durable > position)
                {
                    return;
                }

                round = _durableChanged.Task;
            }

            ReaderWaiting?.Invoke(position);
            await round.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void WakeCommitterLocked() => _wake.TrySetResult();

    private void StartCommitter() => _committer = Task.Run(CommitLoopAsync);

    private async Task CommitLoopAsync()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            Task wake;
            Task urgent;
            lock (_gate)
            {
                wake = _wake.Task;
                urgent = _urgentSignal.Task;
            }

            try
            {
                await wake.WaitAsync(stop).ConfigureAwait(false);
                if (!urgent.IsCompleted && _options.MaxCommitInterval > TimeSpan.Zero)
                {
                    await Task.WhenAny(urgent, Task.Delay(_options.MaxCommitInterval, _time, stop)).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (!CommitRound())
            {
                return;
            }
        }
    }

    /// <summary>One group commit. Returns false when the outbox faulted.</summary>
    private bool CommitRound()
    {
        List<PendingWrite> writes;
        List<SegmentState> sealedWriters = [];
        List<SegmentState> created = [];
        byte[]? refused = null;
        long target;
        Dictionary<string, long> lastSequences;
        TaskCompletionSource done;
        lock (_gate)
        {
            _wake = NewSignal();
            _urgentSignal = NewSignal();
            done = _commitDone;
            _commitDone = NewSignal();
            writes = new List<PendingWrite>(_pending);
            _pending.Clear();
            _pendingBytes = 0;
            target = _end;
            lastSequences = new Dictionary<string, long>(_lastSequences, StringComparer.Ordinal);
            foreach (var s in _segments)
            {
                if (s.Sealed && s.Writer is not null)
                {
                    sealedWriters.Add(s);
                }

                if (s.NeedsDirectoryFlush)
                {
                    created.Add(s);
                    s.NeedsDirectoryFlush = false;
                }
            }

            if (_refusedDirty)
            {
                refused = SerializeRefusedLocked();
                _refusedDirty = false;
            }
        }

        try
        {
            WriteAndSync(writes, created, refused);
            foreach (var s in sealedWriters)
            {
                s.Writer!.Dispose();
                s.Writer = null;
            }

            bool checkpoint;
            TaskCompletionSource changed;
            lock (_gate)
            {
                _durable = Math.Max(_durable, target);
                changed = _durableChanged;
                _durableChanged = NewSignal();
                _durableLastSequences = lastSequences;
                _commits++;
                checkpoint = sealedWriters.Count > 0 || _checkpointDirty;
                _checkpointDirty = false;
            }

            if (checkpoint)
            {
                WriteCheckpoint();
            }

            done.TrySetResult();
            changed.TrySetResult();
            return true;
        }
        catch (Exception ex)
        {
            // Any failure (not only IOException: a missing libc entry point, a bug) must fault the outbox and wake
            // every waiter; a silently dead committer would leave the pipeline waiting for acknowledgements forever.
            var fault = new OutboxException($"Writing the outbox failed ({ex.Message}). Check free space and the disk; nothing after position {DurablePosition} is durable.", ex);
            lock (_gate)
            {
                _fault = fault;
                _commitDone.TrySetException(fault);
                _durableChanged.TrySetException(fault);
            }

            done.TrySetException(fault);
            _logger.LogError(ex, "Outbox write failed; the outbox stops accepting records at durable position {Position}", DurablePosition);
            return false;
        }
        finally
        {
            foreach (var w in writes)
            {
                ArrayPool<byte>.Shared.Return(w.Buffer);
            }
        }
    }

    private void WriteAndSync(List<PendingWrite> writes, List<SegmentState> created, byte[]? refused)
    {
        var touched = new List<IOutboxFile>();
        foreach (var w in writes)
        {
            var file = w.Segment.Writer ?? throw new IOException($"Segment {w.Segment.Name} has no open writer.");
            file.Write(w.FileOffset, w.Buffer.AsSpan(0, w.Count));
            if (!touched.Contains(file))
            {
                touched.Add(file);
            }
        }

        foreach (var s in created)
        {
            if (s.Writer is { } file && !touched.Contains(file))
            {
                touched.Add(file);
            }
        }

        foreach (var file in touched)
        {
            file.Flush();
        }

        if (created.Count > 0)
        {
            _device.FlushDirectory();
        }

        // The refused ranges are written after the log they follow, so a crash never leaves a gap record
        // durable while its refused range is forgotten (at worst the gap is written twice).
        if (refused is not null)
        {
            _device.ReplaceAtomically(OutboxState.RefusedFile, refused);
        }
    }

    private byte[] SerializeRefusedLocked()
    {
        var data = new RefusedData();
        foreach (var r in _refused.ToList())
        {
            data.Ranges.Add(new RefusedRange { Source = r.SourceId, First = r.First, Last = r.Last });
        }

        return OutboxState.Serialize(data);
    }

    /// <summary>Writes checkpoint.json describing the durable part of the log.</summary>
    private void WriteCheckpoint()
    {
        byte[] bytes;
        lock (_gate)
        {
            var data = new CheckpointData { FirstPosition = _first, DurablePosition = _durable };
            foreach (var s in _segments)
            {
                // A segment still being written is described up to the durable position only; its record count is
                // unknown (-1) when part of it is not durable yet, and recovery then scans it whole.
                var durableLength = Math.Clamp(_durable - s.Base, 0, s.Length);
                data.Segments.Add(new CheckpointSegment
                {
                    Base = s.Base,
                    Length = durableLength,
                    Records = durableLength == s.Length ? s.Records : -1,
                    Sealed = s.Sealed && s.Writer is null,
                });
            }

            foreach (var (k, v) in _durableLastSequences)
            {
                data.LastSequences[k] = v;
            }

            bytes = OutboxState.Serialize(data);
        }

        _device.ReplaceAtomically(OutboxState.CheckpointFile, bytes);
    }

    /// <summary>Commits what is pending, writes a final checkpoint and closes the files. Safe to call on a faulted outbox.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
        }

        if (_fault is null)
        {
            try
            {
                await CommitAsync().ConfigureAwait(false);
            }
            catch (OutboxException ex)
            {
                _logger.LogWarning(ex, "Outbox final commit failed");
            }
        }

        lock (_gate)
        {
            _closed = true;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _committer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (_fault is null)
        {
            try
            {
                WriteCheckpoint();
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Outbox checkpoint at close failed; the next start scans the tail");
            }
        }

        lock (_gate)
        {
            foreach (var s in _segments)
            {
                s.Writer?.Dispose();
                s.Writer = null;
            }

            foreach (var w in _pending)
            {
                ArrayPool<byte>.Shared.Return(w.Buffer);
            }

            _pending.Clear();
        }

        _stop.Dispose();
        _directoryLock?.Dispose();
    }
}
