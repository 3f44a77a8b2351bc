using System.Buffers;
using Confluent.Kafka;
using DataBridge.Kpi.Dashboard;
using DataBridge.Kpi.Engine;
using DataBridge.Kpi.Model;
using DataBridge.Schemas.Binary;
using DataBridge.Schemas.Kpi;
using DataBridge.Schemas.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Kpi.Service;

/// <summary>
/// The KPI service: consumes tag values (consumer group, so instances share the partitions) and gap records
/// (every instance reads all gaps), feeds the <see cref="KpiEngine"/>, and every publish interval computes the
/// KPIs, publishes one <see cref="KpiRecord"/> per asset and window to the KPI topic (key: asset path) and hands
/// the snapshot to the dashboard. One thread owns the engine; nothing is shared but the hub and the counters.
/// </summary>
public sealed partial class KpiService
{
    private const int MaxBatch = 10_000;
    private static readonly TimeSpan PollWait = TimeSpan.FromMilliseconds(100);

    private readonly KpiModel _model;
    private readonly KpiServiceOptions _options;
    private readonly KpiSnapshotHub _hub;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly KpiEngine _engine;

    /// <summary>Creates the service; nothing connects until <see cref="RunAsync"/>.</summary>
    public KpiService(KpiModel model, KpiServiceOptions options, KpiSnapshotHub hub, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hub);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid KPI service options: " + string.Join(" ", problems), nameof(options));
        }

        _model = model;
        _options = options;
        _hub = hub;
        _time = time ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<KpiService>();
        _engine = new KpiEngine(model, _time);
    }

    /// <summary>Progress counters.</summary>
    public KpiServiceCounters Counters { get; } = new();

    /// <summary>Consumes, computes and publishes until <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Run(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken ct)
    {
        using var values = BuildValuesConsumer();
        using var gaps = BuildGapsConsumer();
        using var producer = BuildProducer();
        values.Subscribe(_options.ValuesTopic);
        gaps.Subscribe(_options.GapsTopic);
        LogStarted(_logger, _options.ValuesTopic, _options.GapsTopic, _options.KpiTopic, _options.GroupId, _model.Assets.Count);
        var buffer = new ArrayBufferWriter<byte>(1024);
        var next = _time.GetUtcNow() + _model.PublishInterval;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                ConsumeValues(values, ct);
                ConsumeGaps(gaps);
                var now = _time.GetUtcNow();
                if (now >= next)
                {
                    Publish(producer, buffer);
                    next = now + _model.PublishInterval;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Normal stop.
        }
        finally
        {
            // Deliver what is queued, then leave the group so the partitions move to the other instances at once.
            producer.Flush(TimeSpan.FromSeconds(5));
            values.Close();
            gaps.Close();
            LogStopped(_logger, Counters.ValuesConsumed, Counters.RecordsPublished);
        }
    }

    private void ConsumeValues(IConsumer<Ignore, byte[]> consumer, CancellationToken ct)
    {
        for (var i = 0; i < MaxBatch; i++)
        {
            var result = consumer.Consume(i == 0 ? PollWait : TimeSpan.Zero);
            if (result is null || result.IsPartitionEOF)
            {
                return;
            }

            Counters.Value();
            if (result.Message.Value is not { } bytes)
            {
                continue;
            }

            try
            {
                var record = TagValueSerializer.Read(bytes);
                _engine.Ingest(new KpiValue(record.SourceId, unchecked((ulong)record.Sequence), record.TagId, record.Value, record.Quality, record.SourceTimestamp));
            }
            catch (AvroDecodeException e)
            {
                DecodeFailed(result.TopicPartitionOffset, e);
            }

            ct.ThrowIfCancellationRequested();
        }
    }

    private void ConsumeGaps(IConsumer<Ignore, byte[]> consumer)
    {
        for (var i = 0; i < MaxBatch; i++)
        {
            var result = consumer.Consume(TimeSpan.Zero);
            if (result is null || result.IsPartitionEOF)
            {
                return;
            }

            Counters.Gap();
            if (result.Message.Value is not { } bytes)
            {
                continue;
            }

            try
            {
                var gap = GapSerializer.Read(bytes);
                _engine.IngestGap(new KpiGap(gap.SourceId, unchecked((ulong)gap.FirstSequence), unchecked((ulong)gap.LastSequence)));
                LogGap(_logger, gap.SourceId, gap.FirstSequence, gap.LastSequence);
            }
            catch (AvroDecodeException e)
            {
                DecodeFailed(result.TopicPartitionOffset, e);
            }
        }
    }

    private void Publish(IProducer<string, byte[]> producer, ArrayBufferWriter<byte> buffer)
    {
        var snapshot = _engine.Compute();
        Counters.Computed();
        _hub.Publish(snapshot);
        foreach (var result in snapshot.Results)
        {
            buffer.ResetWrittenCount();
            KpiRecordSerializer.Write(KpiRecordMapper.ToRecord(result, snapshot.ComputedAt), buffer);
            try
            {
                producer.Produce(_options.KpiTopic, new Message<string, byte[]> { Key = result.AssetPath, Value = buffer.WrittenSpan.ToArray() }, OnDelivery);
            }
            catch (ProduceException<string, byte[]> e)
            {
                Counters.PublishError();
                LogPublishFailed(_logger, _options.KpiTopic, e.Error.Code, e.Error.Reason);
            }
        }
    }

    private void OnDelivery(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Counters.PublishError();
            LogPublishFailed(_logger, _options.KpiTopic, report.Error.Code, report.Error.Reason);
        }
        else
        {
            Counters.Published();
        }
    }

    private void DecodeFailed(TopicPartitionOffset where, AvroDecodeException e)
    {
        // Log the first few and then every thousandth: a wrong topic must be visible without flooding the log.
        var n = Counters.DecodeError();
        if (n <= 10 || n % 1000 == 0)
        {
            LogDecodeFailed(_logger, where.ToString(), n, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "KPI service consuming {ValuesTopic} and {GapsTopic}, publishing {KpiTopic} (group {GroupId}, {AssetCount} assets)")]
    private static partial void LogStarted(ILogger logger, string valuesTopic, string gapsTopic, string kpiTopic, string groupId, int assetCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "KPI service stopped after {Values} values and {Records} KPI records")]
    private static partial void LogStopped(ILogger logger, long values, long records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gap in source {SourceId}: sequences {First}..{Last} are lost; the time they span is shown as unknown")]
    private static partial void LogGap(ILogger logger, string sourceId, long first, long last);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a message at {Position} that is not a valid Avro record ({Count} so far): {Reason}. Check that the topic carries DataBridge records")]
    private static partial void LogDecodeFailed(ILogger logger, string position, long count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a KPI record to {Topic}: {Code} {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string topic, ErrorCode code, string reason);
}
