using DataBridge.Bridge.Outbox;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;
using Microsoft.Extensions.Logging;
using Polly;
using OutboxGapReason = DataBridge.Bridge.Outbox.GapReason;
using SchemaGapReason = DataBridge.Schemas.GapReason;

namespace DataBridge.Bridge.Sinks;

/// <summary>
/// Carries the outbox to the Kafka sink: reads durable records from the sink's committed position, produces them in
/// batches, and commits the read position only after Kafka acknowledged the batch (delivery reports, acks=all).
/// After a restart it resumes at the committed position, so delivery is at-least-once; consumers de-duplicate on
/// (source id, sequence).
/// </summary>
internal sealed class OutboxForwarder
{
    /// <summary>The name under which the Kafka sink's read position is kept in the outbox.</summary>
    public const string SinkName = "kafka";

    private const int MaxBatch = 2_000;
    private readonly Outbox.Outbox _outbox;
    private readonly IRecordSink _target;
    private readonly string _bridgeId;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly List<TagValueRecord> _values = new(MaxBatch);
    private readonly List<TagMetadataRecord> _metadata = [];

    public OutboxForwarder(Outbox.Outbox outbox, IRecordSink target, string bridgeId, TimeProvider time, ILogger logger)
    {
        _outbox = outbox;
        _target = target;
        _bridgeId = bridgeId;
        _time = time;
        _logger = logger;
        _retry = Pipeline.SinkRetry.Create("outbox->kafka", time, logger);
    }

    /// <summary>Records forwarded and acknowledged since start.</summary>
    public long Forwarded { get; private set; }

    /// <summary>Forwards until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var reader = _outbox.OpenReader(SinkName);
        while (!cancellationToken.IsCancellationRequested)
        {
            OutboxRecord first;
            try
            {
                first = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var next = await ForwardAsync(first, reader, cancellationToken).ConfigureAwait(false);
            await _outbox.CommitReadPositionAsync(SinkName, next, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Forwards <paramref name="first"/> and what else is readable now, in log order; returns the next position.</summary>
    private async Task<long> ForwardAsync(OutboxRecord first, OutboxReader reader, CancellationToken cancellationToken)
    {
        var record = first;
        var next = first.NextPosition;
        var count = 0;
        while (true)
        {
            switch (record.Kind)
            {
                case RecordKind.Value:
                    _values.Add(TagValueSerializer.Read(record.Payload.Span));
                    break;
                case RecordKind.Metadata:
                    _metadata.Add(TagMetadataSerializer.Read(record.Payload.Span));
                    break;
                case RecordKind.Gap:
                    // Order matters for consumers that track sequences: flush the values before the gap.
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                    var gap = ToGapRecord(record);
                    await _retry.ExecuteAsync(static (s, ct) => s.Target.WriteGapAsync(s.Gap, ct), (Target: _target, Gap: gap), cancellationToken).ConfigureAwait(false);
                    break;
                case RecordKind.Event:
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                    var e = BridgeEventSerializer.Read(record.Payload.Span);
                    await _retry.ExecuteAsync(static (s, ct) => s.Target.WriteEventAsync(s.Event, ct), (Target: _target, Event: e), cancellationToken).ConfigureAwait(false);
                    break;
            }

            count++;
            next = record.NextPosition;
            if (count >= MaxBatch || !reader.TryRead(out var more))
            {
                break;
            }

            record = more;
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
        Forwarded += count;
        return next;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_metadata.Count > 0)
        {
            await _retry.ExecuteAsync(static (s, ct) => s._target.PublishMetadataAsync(s._metadata, ct), this, cancellationToken).ConfigureAwait(false);
            _metadata.Clear();
        }

        if (_values.Count > 0)
        {
            await _retry.ExecuteAsync(static (s, ct) => s._target.WriteAsync(s._values, ct), this, cancellationToken).ConfigureAwait(false);
            _values.Clear();
        }
    }

    private GapRecord ToGapRecord(OutboxRecord record)
    {
        var info = record.Gap;
        var reason = info.Reason switch
        {
            OutboxGapReason.OverflowDropOldest or OutboxGapReason.OverflowDropNewest => SchemaGapReason.BufferOverflow,
            OutboxGapReason.Corruption => SchemaGapReason.CorruptOutbox,

            // The only gap the pipeline itself reports in this version: sequence numbers a crashed run handed out.
            _ => SchemaGapReason.RestartUnusedSequence,
        };
        if (!info.IsAttributed)
        {
            _logger.LogError("Outbox lost {Bytes} unreadable bytes at position {Position} whose source cannot be told; a gap record with source '{Source}' and range -1..-1 names them.", info.ByteCount, info.BytePosition, record.SourceId);
        }

        return new GapRecord(record.SourceId, info.FirstSequence, info.LastSequence, reason, _time.GetUtcNow().UtcDateTime, _bridgeId);
    }
}
