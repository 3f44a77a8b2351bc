using System.Text;
using DataBridge.Bridge.Outbox;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;
using Microsoft.Extensions.Logging;
using Polly;
using OutboxGapReason = DataBridge.Bridge.Outbox.GapReason;
using SchemaGapReason = DataBridge.Schemas.GapReason;

namespace DataBridge.Bridge.Sinks;

/// <summary>
/// Carries the outbox to a sink (<see cref="IDrainSink"/>): an <see cref="OutboxPump"/> reads durable records from the
/// sink's committed position, this class hands them over in batches as they are stored (key + Avro bytes, no decoding),
/// and the read position advances only after the sink acknowledged the batch (Kafka: delivery reports, acks=all); a
/// refused batch is retried whole with backoff. Records an older bridge wrote without a stored key get their key from
/// the decoded payload (docs/outbox.md, "Format history").
/// After a restart it resumes at the committed position, so delivery is at-least-once; consumers de-duplicate on
/// (source id, sequence).
/// </summary>
internal sealed class OutboxForwarder
{
    /// <summary>The name under which the Kafka sink's read position is kept in the outbox.</summary>
    public const string SinkName = "kafka";

    private const int MaxBatch = 1_000;
    private readonly Outbox.Outbox _outbox;
    private readonly IDrainSink _target;
    private readonly string _bridgeId;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly List<EncodedRecord> _pending = new(MaxBatch);
    private RecordKind _pendingKind;

    public OutboxForwarder(Outbox.Outbox outbox, IRecordSink target, string bridgeId, TimeProvider time, ILogger logger)
    {
        _outbox = outbox;
        _target = target as IDrainSink ?? new RecordSinkDrain(target);
        _bridgeId = bridgeId;
        _time = time;
        _logger = logger;
        _retry = Pipeline.SinkRetry.Create("outbox->kafka", time, logger);
    }

    /// <summary>Records forwarded and acknowledged since start.</summary>
    public long Forwarded { get; private set; }

    /// <summary>Forwards until cancelled; the pump commits the read position (throttled) after deliveries.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        new OutboxPump(_outbox, SinkName, DeliverAsync, _retry, _time) { MaxBatch = MaxBatch }.RunAsync(cancellationToken);

    /// <summary>Delivers one batch in log order; completes only when the sink acknowledged every record of it.</summary>
    private async ValueTask DeliverAsync(IReadOnlyList<OutboxRecord> batch, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var record in batch)
            {
                if (record.Kind == RecordKind.Gap)
                {
                    // Order matters for consumers that track sequences: the values before the gap go first.
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                    await _target.SendGapAsync(ToGapRecord(record), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (_pending.Count > 0 && _pendingKind != record.Kind)
                {
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                _pendingKind = record.Kind;
                _pending.Add(new EncodedRecord(KeyOf(record), record.Payload));
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
            Forwarded += batch.Count;
        }
        finally
        {
            // A failed batch is retried whole by the pump: start it from a clean slate.
            _pending.Clear();
        }
    }

    /// <summary>The message key: stored in the frame, or (frames of an older bridge) read from the payload.</summary>
    private static string KeyOf(OutboxRecord record)
    {
        if (record.Kind == RecordKind.Event)
        {
            // An event's key is the bridge id, which is the frame's source id.
            return record.SourceId;
        }

        if (!record.Key.IsEmpty)
        {
            return Encoding.UTF8.GetString(record.Key.Span);
        }

        return record.Kind == RecordKind.Value
            ? TagValueSerializer.Read(record.Payload.Span).TagId
            : TagMetadataSerializer.Read(record.Payload.Span).TagId;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count > 0)
        {
            await _target.SendAsync(_pendingKind, _pending, cancellationToken).ConfigureAwait(false);
            _pending.Clear();
        }
    }

    private GapRecord ToGapRecord(OutboxRecord record)
    {
        var info = record.Gap;
        var reason = info.Reason switch
        {
            OutboxGapReason.OverflowDropOldest or OutboxGapReason.OverflowDropNewest => SchemaGapReason.BufferOverflow,
            OutboxGapReason.Corruption => SchemaGapReason.CorruptOutbox,
            OutboxGapReason.UpstreamRepublishFailed => SchemaGapReason.RepublishFailed,
            OutboxGapReason.UpstreamSubscriptionLost => SchemaGapReason.SubscriptionLost,

            // Upstream (0): sequence numbers a crashed run handed out; also any reason a newer bridge wrote.
            _ => SchemaGapReason.RestartUnusedSequence,
        };
        if (!info.IsAttributed)
        {
            _logger.LogError("Outbox lost {Bytes} unreadable bytes at position {Position} whose source cannot be told; a gap record with source '{Source}' and range -1..-1 names them.", info.ByteCount, info.BytePosition, record.SourceId);
        }

        return new GapRecord(record.SourceId, info.FirstSequence, info.LastSequence, reason, _time.GetUtcNow().UtcDateTime, _bridgeId);
    }
}
