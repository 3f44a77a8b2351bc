using System.Diagnostics;
using Confluent.Kafka;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;
using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests.Support;

/// <summary>
/// Consumes a value topic from the beginning on a background thread, started before the bridge, so a test can wait on
/// what has arrived so far and knows when each record arrived (figures without the consumer's group join in them).
/// </summary>
public sealed class KafkaValueCollector : IDisposable
{
    private readonly List<TagValueRecord> _records = [];
    private readonly List<TimeSpan> _arrivals = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock;
    private readonly Thread _thread;
    private Exception? _failure;

    /// <summary>Subscribes at once; <paramref name="clock"/> is the test's clock, arrival times are read from it.</summary>
    public KafkaValueCollector(string bootstrap, string topic, Stopwatch clock)
    {
        _clock = clock;
        var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "it-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        _thread = new Thread(() => Run(consumer)) { IsBackground = true, Name = "kafka-collector" };
        _thread.Start();
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>How many records so far satisfy <paramref name="filter"/>.</summary>
    public int CountWhere(Func<TagValueRecord, bool> filter)
    {
        lock (_gate)
        {
            ThrowIfFailed();
            var n = 0;
            foreach (var r in _records)
            {
                n += filter(r) ? 1 : 0;
            }

            return n;
        }
    }

    /// <summary>The records so far, in arrival order.</summary>
    public List<TagValueRecord> Snapshot()
    {
        lock (_gate)
        {
            return [.. _records];
        }
    }

    /// <summary>When the last record so far arrived, on the test's clock.</summary>
    public TimeSpan LastArrival
    {
        get
        {
            lock (_gate)
            {
                return _arrivals.Count == 0 ? TimeSpan.Zero : _arrivals[^1];
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> records satisfy <paramref name="filter"/>; false on timeout.</summary>
    public async Task<bool> WaitForAsync(Func<TagValueRecord, bool> filter, int count, TimeSpan timeout)
    {
        try
        {
            await Eventually.WaitUntilAsync(() => CountWhere(filter) >= count, timeout, $"{count} records", TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(15));
        _stop.Dispose();
    }

    private void Run(IConsumer<string, byte[]> consumer)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var r = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (r?.Message?.Value is not { } bytes)
                {
                    continue;
                }

                var record = TagValueSerializer.Read(bytes);
                var at = _clock.Elapsed;
                lock (_gate)
                {
                    _records.Add(record);
                    _arrivals.Add(at);
                }
            }
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _failure = e;
            }
        }
        finally
        {
            consumer.Close();
            consumer.Dispose();
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new InvalidOperationException("The Kafka collector failed: " + _failure.Message, _failure);
        }
    }
}
