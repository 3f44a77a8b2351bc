using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Pipeline;
using DataBridge.Bridge.Sinks;
using DataBridge.Bridge.Sources;
using DataBridge.Schemas;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Hosting;

/// <summary>
/// Runs a whole bridge from its configuration: one pipeline and connector per source, one sink, metadata published
/// at start, bridge events for start and stop, and a gap record for every sequence range a previous run handed out
/// but could not confirm delivered.
/// </summary>
public sealed class BridgeHost : IAsyncDisposable
{
    private readonly BridgeConfiguration _config;
    private readonly IRecordSink _sink;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly List<IBridgeSource> _sources = [];

    /// <summary>Creates the host; nothing connects until <see cref="RunAsync"/>.</summary>
    /// <param name="config">The validated configuration.</param>
    /// <param name="sink">Where records go (the Kafka sink in production).</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggers">Logger factory.</param>
    public BridgeHost(BridgeConfiguration config, IRecordSink sink, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggers);
        _config = config;
        _sink = sink;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger("DataBridge.Bridge");
    }

    /// <summary>Counters for the console, health and metrics.</summary>
    public BridgeStatistics Statistics { get; } = new();

    /// <summary>A snapshot of the last reported value of every tag, for the console.</summary>
    public IReadOnlyList<TagSnapshot> Snapshot()
    {
        var list = new List<TagSnapshot>();
        foreach (var s in _sources)
        {
            var p = s.Pipeline;
            for (var i = 0; i < p.Tags.Count; i++)
            {
                var (value, status, reported) = p.LastOf(i);
                if (reported)
                {
                    list.Add(new TagSnapshot(p.Tags[i].TagId, value, status));
                }
            }
        }

        return list;
    }

    /// <summary>Publishes metadata, starts every source and runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_config.StateDirectory);
        var now = _time.GetUtcNow().UtcDateTime;
        await _sink.PublishMetadataAsync(MetadataBuilder.Build(_config, now), cancellationToken).ConfigureAwait(false);

        foreach (var definition in _config.Sources)
        {
            var sequences = SequenceStore.Open(_config.StateDirectory, definition.Id);
            if (sequences.Unconfirmed is { } lost)
            {
                // The previous run handed these numbers out (or reserved them) but never saw them delivered: say so.
                var gap = new GapRecord(definition.Id, lost.First, lost.Last, GapReason.RestartUnusedSequence, now, _config.BridgeId);
                await _sink.WriteGapAsync(gap, cancellationToken).ConfigureAwait(false);
                Statistics.CountGap();
                _logger.LogWarning("Source {SourceId}: sequence numbers {First}..{Last} of the previous run were not confirmed delivered; a gap record names them.", definition.Id, lost.First, lost.Last);
            }

            var pipeline = new SourcePipeline(definition.Id, definition.Tags, sequences, _sink, _time, Statistics, _loggers.CreateLogger("DataBridge.Pipeline"));
            _sources.Add(definition switch
            {
                ModbusSourceDefinition modbus => new ModbusSource(modbus, pipeline, _time, _loggers.CreateLogger("DataBridge.Modbus")),
                _ => throw new NotSupportedException($"Source '{definition.Id}' ({definition.GetType().Name}) is not supported by this version of the bridge."),
            });
        }

        await WriteEventAsync(BridgeEventKind.Started, $"{_config.Sources.Count} sources, {CountTags()} tags", cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Bridge {BridgeId} started: {Sources} sources, {Tags} tags.", _config.BridgeId, _config.Sources.Count, CountTags());

        var runs = new Task[_sources.Count];
        for (var i = 0; i < _sources.Count; i++)
        {
            runs[i] = _sources[i].RunAsync(cancellationToken);
        }

        try
        {
            await Task.WhenAll(runs).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        using var stopCts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await WriteEventAsync(BridgeEventKind.Stopped, "shutdown requested", stopCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("The stop event could not be delivered within 10 s.");
        }
    }

    private int CountTags()
    {
        var n = 0;
        foreach (var s in _config.Sources)
        {
            n += s.Tags.Count;
        }

        return n;
    }

    private ValueTask WriteEventAsync(BridgeEventKind kind, string detail, CancellationToken cancellationToken) =>
        _sink.WriteEventAsync(new BridgeEventRecord(_config.BridgeId, kind, _time.GetUtcNow().UtcDateTime, detail, new Dictionary<string, string>(StringComparer.Ordinal)), cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var s in _sources)
        {
            s.Dispose();
        }

        _sources.Clear();
        await _sink.DisposeAsync().ConfigureAwait(false);
    }
}
