using DataBridge.Bridge.Configuration;
using OutboxOptions = DataBridge.Bridge.Outbox.OutboxOptions;
using DataBridge.Bridge.Pipeline;
using DataBridge.Bridge.Sinks;
using DataBridge.Bridge.Sources;
using DataBridge.Bridge.Sources.OpcUa;
using DataBridge.Schemas;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Hosting;

/// <summary>
/// Runs a whole bridge from its configuration: one pipeline and connector per source, one sink, metadata published
/// at start, bridge events for start and stop, and (without the outbox only) a gap record for every sequence range a
/// previous run handed out but could not confirm delivered.
/// </summary>
public sealed class BridgeHost : IAsyncDisposable
{
    private readonly BridgeConfiguration _config;
    private readonly IRecordSink _sink;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly List<IBridgeSource> _sources = [];
    private readonly BridgeHostOptions _options;
    private Outbox.Outbox? _outbox;
    private IRecordSink _pipelineSink;

    /// <summary>Creates the host; nothing connects until <see cref="RunAsync"/>.</summary>
    /// <param name="config">The validated configuration.</param>
    /// <param name="sink">Where records go (the Kafka sink in production).</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggers">Logger factory.</param>
    /// <param name="options">Outbox and shutdown settings; defaults put the outbox under the state directory.</param>
    public BridgeHost(BridgeConfiguration config, IRecordSink sink, TimeProvider time, ILoggerFactory loggers, BridgeHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggers);
        _config = config;
        _sink = sink;
        _pipelineSink = sink;
        _options = options ?? new BridgeHostOptions();
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger("DataBridge.Bridge");
    }

    /// <summary>Counters for the console, health and metrics.</summary>
    public BridgeStatistics Statistics { get; } = new();

    /// <summary>Counters and the outbox's fill level, as <c>/healthz</c> and the periodic log line report them.</summary>
    public HealthReport Health()
    {
        OutboxHealth? outbox = null;
        var status = "ok";
        if (_outbox is not null)
        {
            var snap = _outbox.GetSnapshot();
            var forwarded = snap.SinkPositions.TryGetValue(OutboxForwarder.SinkName, out var p) ? p : snap.FirstPosition;
            outbox = new OutboxHealth
            {
                UsedBytes = snap.UsedBytes,
                MaxDiskBytes = snap.MaxDiskBytes,
                FillRatio = Math.Round(snap.FillRatio, 4),
                UnforwardedBytes = Math.Max(0, snap.DurablePosition - forwarded),
                RejectedRecords = snap.RejectedRecords,
                DroppedRecords = snap.DroppedRecords,
            };
            if (snap.FillRatio > 0.8)
            {
                status = "degraded";
            }
        }

        var sources = new List<SourceHealth>(_sources.Count);
        foreach (var source in _sources)
        {
            var h = source.Health;
            sources.Add(h);
            if (h.IsDegraded)
            {
                status = "degraded";
            }
        }

        var sink = (_sink as IReportsSinkHealth)?.Health;
        if (sink is { State: SinkState.Waiting })
        {
            status = "degraded";
        }

        return new HealthReport
        {
            Sources = sources,
            Status = status,
            BridgeId = _config.BridgeId,
            Samples = Statistics.Samples,
            Records = Statistics.Records,
            Gaps = Statistics.Gaps,
            Outbox = outbox,
            Sink = sink,
        };
    }

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
        using var forwarderStop = new CancellationTokenSource();
        Task forwarding = Task.CompletedTask;
        if (_options.UseOutbox)
        {
            _outbox = await OpenOutboxAsync(cancellationToken).ConfigureAwait(false);
            _pipelineSink = new OutboxSink(_outbox);
            var forwarder = new OutboxForwarder(_outbox, _sink, _config.BridgeId, _time, _loggers.CreateLogger("DataBridge.Outbox"));
            forwarding = forwarder.RunAsync(forwarderStop.Token);
            foreach (var finding in _outbox.RecoveryReport.Findings)
            {
                await WriteEventAsync(BridgeEventKind.Recovered, finding.ToString(), cancellationToken).ConfigureAwait(false);
            }
        }

        await _pipelineSink.PublishMetadataAsync(MetadataBuilder.Build(_config, now), cancellationToken).ConfigureAwait(false);

        foreach (var definition in _config.Sources)
        {
            // With the outbox, its last number of the source is the last one that can have left the process.
            long? outboxLast = _outbox is null ? null : _outbox.TryGetLastSequence(definition.Id, out var last) ? last : 0;
            var sequences = SequenceStore.Open(_config.StateDirectory, definition.Id, outboxLast);
            if (sequences.Resumed is { } unused)
            {
                _logger.LogInformation("Source {SourceId}: numbering resumes at {First}; the numbers up to {Reserved} that the previous run reserved never left the bridge, so no value is missing and no gap record is written.", definition.Id, unused.First, unused.Last);
            }

            if (sequences.Unconfirmed is { } lost)
            {
                // Without the outbox, these numbers may have reached the sink but were never confirmed delivered: say so.
                var gap = new GapRecord(definition.Id, lost.First, lost.Last, GapReason.RestartUnusedSequence, now, _config.BridgeId);
                await _pipelineSink.WriteGapAsync(gap, cancellationToken).ConfigureAwait(false);
                Statistics.CountGap();
                _logger.LogWarning("Source {SourceId}: sequence numbers {First}..{Last} of the previous run were not confirmed delivered; a gap record names them.", definition.Id, lost.First, lost.Last);
            }

            var pipeline = new SourcePipeline(definition.Id, definition.Tags, sequences, _pipelineSink, _time, Statistics, _loggers.CreateLogger("DataBridge.Pipeline")) { BridgeId = _config.BridgeId };
            _sources.Add(definition switch
            {
                ModbusSourceDefinition modbus => new ModbusSource(modbus, pipeline, _time, _loggers.CreateLogger("DataBridge.Modbus")),
                OpcUaSourceDefinition opcua => new OpcUaSource(opcua, pipeline, _time, _loggers.CreateLogger("DataBridge.OpcUa"), _options.OpcUa),
                _ => throw new NotSupportedException($"Source '{definition.Id}' ({definition.GetType().Name}) is not supported by this version of the bridge."),
            });
        }

        await WriteEventAsync(BridgeEventKind.Started, $"{_config.Sources.Count} sources, {CountTags()} tags", cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Bridge {BridgeId} started: {Sources} sources, {Tags} tags.", _config.BridgeId, _config.Sources.Count, CountTags());

        using var health = _options.HealthUrl is { } url ? HealthEndpoint.Start(url, Health, _logger) : null;
        if (health is not null)
        {
            _logger.LogInformation("Health: {Url}healthz", _options.HealthUrl);
        }

        var healthLog = LogHealthAsync(cancellationToken);
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

        await healthLog.ConfigureAwait(false);
        using var stopCts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await WriteEventAsync(BridgeEventKind.Stopped, "shutdown requested", stopCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("The stop event could not be delivered within 10 s.");
        }

        await StopForwardingAsync(forwarding, forwarderStop).ConfigureAwait(false);
    }

    private async Task<Outbox.Outbox> OpenOutboxAsync(CancellationToken cancellationToken)
    {
        var options = _options.Outbox ?? new OutboxOptions();
        if (string.IsNullOrEmpty(options.Directory) || options.Directory == new OutboxOptions().Directory)
        {
            options.Directory = Path.Combine(_config.StateDirectory, "outbox");
        }

        if (!options.Sinks.Contains(OutboxForwarder.SinkName))
        {
            options.Sinks.Add(OutboxForwarder.SinkName);
        }

        var outbox = await Outbox.Outbox.OpenAsync(options, _time, _loggers.CreateLogger("DataBridge.Outbox"), cancellationToken).ConfigureAwait(false);
        if (!outbox.RecoveryReport.IsClean)
        {
            _logger.LogWarning("Outbox {Directory} recovered: {Findings}", options.Directory, string.Join("; ", outbox.RecoveryReport.Findings));
        }

        return outbox;
    }

    private async Task StopForwardingAsync(Task forwarding, CancellationTokenSource stop)
    {
        if (_outbox is null)
        {
            return;
        }

        // Give the forwarder a moment to carry what is on disk to Kafka; what remains goes at the next start.
        var deadline = _time.GetUtcNow() + _options.DrainOnStop;
        while (_outbox.GetReadPosition(OutboxForwarder.SinkName) < _outbox.DurablePosition && _time.GetUtcNow() < deadline && !forwarding.IsCompleted)
        {
            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await forwarding.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task LogHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.HealthLogInterval, _time, cancellationToken).ConfigureAwait(false);
                var h = Health();
                if (h.Outbox is { } o)
                {
                    _logger.LogInformation(
                        "Health {Status}: {Records} records, {Gaps} gaps; outbox {Fill:P1} full ({Used} of {Max} bytes), {Unforwarded} bytes not yet in Kafka",
                        h.Status, h.Records, h.Gaps, o.FillRatio, o.UsedBytes, o.MaxDiskBytes, o.UnforwardedBytes);
                }
                else
                {
                    _logger.LogInformation("Health {Status}: {Records} records, {Gaps} gaps", h.Status, h.Records, h.Gaps);
                }
            }
        }
        catch (OperationCanceledException)
        {
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
        _pipelineSink.WriteEventAsync(new BridgeEventRecord(_config.BridgeId, kind, _time.GetUtcNow().UtcDateTime, detail, new Dictionary<string, string>(StringComparer.Ordinal)), cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var s in _sources)
        {
            s.Dispose();
        }

        _sources.Clear();
        if (_outbox is not null)
        {
            await _pipelineSink.DisposeAsync().ConfigureAwait(false);
            await _outbox.DisposeAsync().ConfigureAwait(false);
        }

        await _sink.DisposeAsync().ConfigureAwait(false);
    }
}
