using DataBridge.Bridge.Pipeline;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Core;

namespace DataBridge.Bench.OpcUa;

/// <summary>
/// The SubscriptionEngine's consumer in the bench: maps each notification's client handle (slot + 1) to its pipeline
/// slot and hands the batch to <c>SourcePipeline.ProcessAsync</c>, as a bridge source does. On the way it
/// checks the bench server's counters (each value is the item's change count): a value that jumps by more than 1 is a
/// skipped change, one that does not grow is out of order. The checks are a few array operations per notification.
/// </summary>
internal sealed class BenchConsumer
{
    private readonly SourcePipeline? _pipeline;
    private readonly double[] _base;
    private readonly double[] _last;
    private readonly SampleView _samples = new();
    private int[] _slots = new int[1024];
    private int _initial;
    private long _received;
    private long _skipped;
    private long _regressions;
    private long _gaps;
    private volatile bool _counting;

    /// <param name="pipeline">null: stop after the checks (<c>--connector-only</c>, the connector's share of the cost).</param>
    /// <param name="items">Number of monitored items; client handles are 1..items.</param>
    public BenchConsumer(SourcePipeline? pipeline, int items)
    {
        _pipeline = pipeline;
        _base = new double[items];
        _last = new double[items];
        Array.Fill(_base, double.NaN);
        Array.Fill(_last, double.NaN);
    }

    /// <summary>Items whose first (initial) value arrived.</summary>
    public int Initial => Volatile.Read(ref _initial);

    /// <summary>Notifications after <see cref="StartCounting"/> (initial values excluded).</summary>
    public long Received => Interlocked.Read(ref _received);

    public long Skipped => Interlocked.Read(ref _skipped);

    public long Regressions => Interlocked.Read(ref _regressions);

    public long Gaps => Interlocked.Read(ref _gaps);

    public void StartCounting() => _counting = true;

    /// <summary>True once every item reached the server's final value.</summary>
    public bool ReachedAll(double finalValue)
    {
        for (var i = 0; i < _last.Length; i++)
        {
            if (!(Volatile.Read(ref _last[i]) >= finalValue))
            {
                return false;
            }
        }

        return true;
    }

    public ValueTask ConsumeAsync(SubscriptionNotificationBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Gap is not null)
        {
            Interlocked.Increment(ref _gaps);
            return default;
        }

        var notifications = batch.Notifications;
        if (_slots.Length < notifications.Count)
        {
            _slots = new int[Math.Max(notifications.Count, _slots.Length * 2)];
        }

        var slots = _slots;
        long skipped = 0, regressions = 0, counted = 0;
        for (var i = 0; i < notifications.Count; i++)
        {
            var n = notifications[i];
            var slot = (int)n.ClientHandle - 1;
            if ((uint)slot >= (uint)_last.Length)
            {
                throw new InvalidOperationException($"client handle {n.ClientHandle} was never created");
            }

            slots[i] = slot;

            var value = n.Sample.Value.AsDouble();
            var previous = _last[slot];
            if (double.IsNaN(previous))
            {
                _base[slot] = value;
                Interlocked.Increment(ref _initial);
            }
            else
            {
                counted++;
                if (value > previous + 1)
                {
                    skipped += (long)(value - previous - 1);
                }
                else if (value <= previous)
                {
                    regressions++;
                }
            }

            Volatile.Write(ref _last[slot], value);
        }

        if (_counting)
        {
            Interlocked.Add(ref _received, counted);
        }

        Interlocked.Add(ref _skipped, skipped);
        Interlocked.Add(ref _regressions, regressions);
        if (_pipeline is null)
        {
            return default;
        }

        _samples.Items = notifications;
        return _pipeline.ProcessAsync(_samples, slots, notifications.Count, cancellationToken);
    }

    /// <summary>The batch's samples without copying them (batches reach the consumer one at a time).</summary>
    private sealed class SampleView : IReadOnlyList<Sample>
    {
        public IReadOnlyList<ItemNotification> Items { get; set; } = [];

        public int Count => Items.Count;

        public Sample this[int index] => Items[index].Sample;

        public IEnumerator<Sample> GetEnumerator()
        {
            for (var i = 0; i < Items.Count; i++)
            {
                yield return Items[i].Sample;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
