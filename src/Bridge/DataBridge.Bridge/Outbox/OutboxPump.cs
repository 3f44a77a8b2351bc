using Polly;

namespace DataBridge.Bridge.Outbox;

/// <summary>
/// The loop between the outbox and one sink: read a batch of durable records, hand it to the sink's delivery delegate
/// (retried by the given resilience pipeline until it succeeds), and commit the read position — at most once per
/// <see cref="CommitInterval"/> while busy, at once when caught up, and on stop. Delivery is at-least-once: after a
/// crash the records since the last committed position are delivered again.
/// </summary>
public sealed class OutboxPump
{
    private readonly Outbox _outbox;
    private readonly string _sinkName;
    private readonly Func<IReadOnlyList<OutboxRecord>, CancellationToken, ValueTask> _deliver;
    private readonly ResiliencePipeline _retry;
    private readonly TimeProvider _time;

    /// <summary>Creates the pump; <see cref="RunAsync"/> starts it.</summary>
    /// <param name="outbox">The outbox to read.</param>
    /// <param name="sinkName">The sink's name (its committed position is kept under it).</param>
    /// <param name="deliver">Sends a batch; completes only when every record is durably accepted, throws otherwise.</param>
    /// <param name="retry">Retries a failed delivery (e.g. exponential backoff on SinkException); <see cref="ResiliencePipeline.Empty"/> for none.</param>
    /// <param name="timeProvider">Clock for the commit interval.</param>
    public OutboxPump(Outbox outbox, string sinkName, Func<IReadOnlyList<OutboxRecord>, CancellationToken, ValueTask> deliver, ResiliencePipeline retry, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentException.ThrowIfNullOrWhiteSpace(sinkName);
        ArgumentNullException.ThrowIfNull(deliver);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _outbox = outbox;
        _sinkName = sinkName;
        _deliver = deliver;
        _retry = retry;
        _time = timeProvider;
    }

    /// <summary>Largest batch handed to the delivery delegate. Default 500.</summary>
    public int MaxBatch { get; init; } = 500;

    /// <summary>Shortest time between two read-position commits while records keep coming (each costs two fsyncs). Default 100 ms.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Position after the last delivered record.</summary>
    public long DeliveredPosition { get; private set; } = -1;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then commits what was delivered.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var reader = _outbox.OpenReader(_sinkName);
        var batch = new List<OutboxRecord>(MaxBatch);
        var committed = reader.Position;
        var lastCommit = _time.GetTimestamp();
        try
        {
            while (true)
            {
                batch.Clear();
                batch.Add(await reader.ReadAsync(cancellationToken).ConfigureAwait(false));
                while (batch.Count < MaxBatch && reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                await _retry.ExecuteAsync(static async (state, ct) => await state.Deliver(state.Batch, ct).ConfigureAwait(false), (Deliver: _deliver, Batch: batch), cancellationToken).ConfigureAwait(false);
                DeliveredPosition = batch[^1].NextPosition;

                var caughtUp = DeliveredPosition >= _outbox.DurablePosition;
                if (caughtUp || _time.GetElapsedTime(lastCommit) >= CommitInterval)
                {
                    await _outbox.CommitReadPositionAsync(_sinkName, DeliveredPosition, cancellationToken).ConfigureAwait(false);
                    committed = DeliveredPosition;
                    lastCommit = _time.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (DeliveredPosition > committed)
            {
                await _outbox.CommitReadPositionAsync(_sinkName, DeliveredPosition, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
