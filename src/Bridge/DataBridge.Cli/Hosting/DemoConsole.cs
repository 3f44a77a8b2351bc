using System.Globalization;
using Confluent.Kafka;
using DataBridge.Bridge.Pipeline;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;

namespace DataBridge.Cli.Hosting;

/// <summary>
/// Shows what the demo delivers, read back from Kafka by an ordinary consumer: records per second and the last
/// value and quality of every tag. Redraws in place on a terminal; appends plain blocks when output is redirected.
/// </summary>
internal sealed class DemoConsole : IDisposable
{
    private readonly TextWriter _output;
    private readonly BridgeStatistics _stats;
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly SortedDictionary<string, TagValueRecord> _last = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopConsuming = new();
    private readonly HashSet<string> _awaited = new(StringComparer.Ordinal);
    private TaskCompletionSource? _allAwaitedSeen;
    private Task? _consume;
    private long _consumed;

    public DemoConsole(TextWriter output, string bootstrap, string topic, BridgeStatistics stats)
    {
        _output = output;
        _stats = stats;
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "databridge-demo-console-" + Environment.ProcessId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        _consumer.Subscribe(topic);
    }

    public long Consumed => Interlocked.Read(ref _consumed);

    /// <summary>Starts reading the topic back (idempotent; <see cref="RunAsync"/> starts it too).</summary>
    public void StartConsuming()
    {
        var stop = _stopConsuming.Token;
        _consume ??= Task.Factory.StartNew(() => ConsumeLoop(stop), stop, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// Completes when a value of every tag in <paramref name="tags"/> has been read back, or after
    /// <paramref name="timeout"/> (returns false then): the demo starts its shift once every machine has reported.
    /// </summary>
    public async Task<bool> WaitForTagsAsync(IEnumerable<string> tags, TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource seen;
        lock (_last)
        {
            foreach (var t in tags)
            {
                if (!_last.ContainsKey(t))
                {
                    _awaited.Add(t);
                }
            }

            if (_awaited.Count == 0)
            {
                return true;
            }

            seen = _allAwaitedSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        StartConsuming();
        try
        {
            await seen.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            // Stopping (Ctrl+C, --duration) while waiting: the demo unwinds as usual.
            return false;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        StartConsuming();
        var redraw = !Console.IsOutputRedirected && ReferenceEquals(_output, Console.Out);
        long previous = 0;
        var interval = TimeSpan.FromSeconds(2);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
                var consumed = Consumed;
                var rate = (consumed - previous) / interval.TotalSeconds;
                previous = consumed;
                await _output.WriteAsync(Render(rate, redraw)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Keeps reading until <paramref name="delivered"/> records were read back (or the timeout), then stops.</summary>
    public async Task StopAsync(long delivered, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Consumed < delivered && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        await _stopConsuming.CancelAsync().ConfigureAwait(false);
        if (_consume is not null)
        {
            await _consume.ConfigureAwait(false);
        }

        // A last table with everything read back, so a short run (--duration) always ends with the full picture.
        await _output.WriteAsync(Render(null, redraw: false)).ConfigureAwait(false);
    }

    private void ConsumeLoop(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ConsumeResult<string, byte[]>? result;
            try
            {
                result = _consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException)
            {
                continue;
            }

            if (result?.Message?.Value is not { } bytes)
            {
                continue;
            }

            var record = TagValueSerializer.Read(bytes);
            lock (_last)
            {
                _last[record.TagId] = record;
                if (_awaited.Remove(record.TagId) && _awaited.Count == 0)
                {
                    _allAwaitedSeen?.TrySetResult();
                }
            }

            Interlocked.Increment(ref _consumed);
        }
    }

    private string Render(double? rate, bool redraw)
    {
        var sb = new System.Text.StringBuilder();
        if (redraw)
        {
            sb.Append("\u001b[H\u001b[2J");
        }

        var perSecond = rate is { } perS ? string.Create(CultureInfo.InvariantCulture, $" ({perS:0.0} records/s)") : " (final)";
        sb.Append(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] read back from Kafka: {Consumed} records{perSecond}; bridge: {_stats.Samples} samples, {_stats.Records} records delivered, {_stats.Gaps} gaps\n");
        lock (_last)
        {
            foreach (var (tag, r) in _last)
            {
                var shown = r.Value.Kind is Core.ValueKind.Double or Core.ValueKind.Float ? r.Value.AsDouble().ToString("0.###", CultureInfo.InvariantCulture) : r.Value.ToString();
                sb.Append(CultureInfo.InvariantCulture, $"  {tag,-52} {shown,-14} {r.Quality.Name,-22} seq {r.Sequence}\n");
            }
        }

        return sb.ToString();
    }

    public void Dispose()
    {
        // The consume loop must be out of librdkafka before the consumer is closed: closing it under a running
        // Consume() corrupts native memory (seen when the bridge failed and the demo unwound without StopAsync).
        _stopConsuming.Cancel();
        try
        {
            _consume?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stopConsuming.Dispose();
        _consumer.Close();
        _consumer.Dispose();
    }
}
