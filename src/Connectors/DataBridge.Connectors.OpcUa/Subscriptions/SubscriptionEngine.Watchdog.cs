namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>
/// Keep-alive monitoring (Part 4 §5.13.1.1): a healthy subscription sends a NotificationMessage or a keep-alive at
/// least every MaxKeepAliveCount × PublishingInterval. Longer silence means the path or the server is gone.
/// </summary>
public sealed partial class SubscriptionEngine
{
    private async Task WatchdogLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.WatchdogInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                CheckKeepAlives();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    internal void CheckKeepAlives()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var heldBack = Volatile.Read(ref _undelivered) >= _options.MaxUndeliveredMessages;
        foreach (var (_, state) in _subscriptions)
        {
            if (heldBack)
            {
                // We stopped asking because the consumer is behind; the server's silence is ours, not its.
                Interlocked.Exchange(ref state.LastHeardTicks, now);
                continue;
            }

            var silent = TimeSpan.FromTicks(now - Interlocked.Read(ref state.LastHeardTicks));
            var limit = state.StallLimit(_options.KeepAliveMargin);
            if (silent > limit && Interlocked.Exchange(ref state.StallReported, 1) == 0)
            {
                Stalled?.Invoke(this, new SubscriptionStalledEventArgs(state.Id, silent, limit));
            }
        }
    }
}
