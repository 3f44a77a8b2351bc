using DataBridge.Connectors.OpcUa.Subscriptions;

namespace DataBridge.Connectors.OpcUa.Tests.Subscriptions;

/// <summary>A consumer that records every batch, per-item values (as UInt64) and the order of sequence numbers.</summary>
internal sealed class RecordingConsumer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<uint, List<ulong>> _values = [];
    private readonly List<SubscriptionNotificationBatch> _batches = [];

    /// <summary>Runs before a batch is recorded; a test may block here.</summary>
    public Func<SubscriptionNotificationBatch, CancellationToken, ValueTask>? Before { get; set; }

    public int NotificationCount { get; private set; }

    public async ValueTask OnBatchAsync(SubscriptionNotificationBatch batch, CancellationToken cancellationToken)
    {
        if (Before is { } before)
        {
            await before(batch, cancellationToken);
        }

        lock (_gate)
        {
            _batches.Add(batch);
            foreach (var n in batch.Notifications)
            {
                if (!_values.TryGetValue(n.ClientHandle, out var list))
                {
                    _values[n.ClientHandle] = list = [];
                }

                list.Add(n.Sample.Value.IsNull ? ulong.MaxValue : (ulong)n.Sample.Value.AsDouble());
                NotificationCount++;
            }
        }
    }

    public ulong[] Values(uint handle)
    {
        lock (_gate)
        {
            return _values.TryGetValue(handle, out var list) ? [.. list] : [];
        }
    }

    public int ItemsSeen
    {
        get
        {
            lock (_gate)
            {
                return _values.Count;
            }
        }
    }

    public SubscriptionNotificationBatch[] Batches
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    /// <summary>Whether every handle in [0, count) has <paramref name="last"/> as its latest value.</summary>
    public bool AllReached(int count, ulong last)
    {
        lock (_gate)
        {
            for (var h = 0u; h < count; h++)
            {
                if (!_values.TryGetValue(h, out var list) || list.Count == 0 || list[^1] != last)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
