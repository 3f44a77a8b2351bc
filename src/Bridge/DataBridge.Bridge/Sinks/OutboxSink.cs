using System.Buffers;
using System.Text;
using DataBridge.Bridge.Outbox;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;
using OutboxGapReason = DataBridge.Bridge.Outbox.GapReason;

namespace DataBridge.Bridge.Sinks;

/// <summary>
/// The pipeline's sink when the disk outbox is on: every record is appended to the outbox as Avro and a write
/// completes only once the outbox has fsync'ed it (group commit). The <see cref="OutboxForwarder"/> then carries
/// the records to Kafka. Values refused by a full budget under drop-newest count as accepted here: the outbox keeps
/// their exact sequence ranges and writes gap records for them, so they are accounted for, not silently lost.
/// </summary>
internal sealed class OutboxSink : IRecordSink
{
    private readonly Outbox.Outbox _outbox;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly ArrayBufferWriter<byte> _key = new(128);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public OutboxSink(Outbox.Outbox outbox) => _outbox = outbox;

    public async ValueTask WriteAsync(IReadOnlyList<TagValueRecord> records, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        long end = -1;
        var rejected = false;
        try
        {
            for (var i = 0; i < records.Count; i++)
            {
                var r = records[i];
                _buffer.ResetWrittenCount();
                TagValueSerializer.Write(r, _buffer);
                WriteKey(r.TagId);

                // The frame keeps the Kafka key next to the value bytes, so the forwarder sends them without decoding.
                // The outbox copies both into its own buffer before returning, so the shared buffers are reusable.
                var result = await _outbox.AppendAsync(RecordKind.Value, r.SourceId, r.Sequence, _key.WrittenMemory, _buffer.WrittenMemory, ct).ConfigureAwait(false);
                if (result.IsAccepted)
                {
                    end = result.EndPosition;
                }
                else
                {
                    rejected = true;
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        if (rejected)
        {
            // Refused values (drop-newest) are acknowledged too: their range must be on disk first, or a crash right
            // after the acknowledgement would lose the accounting that becomes their gap record.
            await _outbox.CommitAsync(ct).ConfigureAwait(false);
        }
        else if (end >= 0)
        {
            await _outbox.WaitForCommitAsync(end, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask WriteGapAsync(GapRecord gap, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(gap);

        // The outbox's own gap frame; the forwarder turns it into the Avro gap record on the gaps topic.
        var reason = gap.Reason switch
        {
            Schemas.GapReason.RepublishFailed => OutboxGapReason.UpstreamRepublishFailed,
            Schemas.GapReason.SubscriptionLost => OutboxGapReason.UpstreamSubscriptionLost,
            _ => OutboxGapReason.Upstream,
        };
        var info = new GapInfo(gap.FirstSequence, gap.LastSequence, reason);
        var result = await _outbox.AppendAsync(RecordKind.Gap, gap.SourceId, gap.LastSequence, info.ToArray(), ct).ConfigureAwait(false);
        if (result.IsAccepted)
        {
            await _outbox.WaitForCommitAsync(result.EndPosition, ct).ConfigureAwait(false);
        }
        else
        {
            await _outbox.CommitAsync(ct).ConfigureAwait(false);
        }
    }

    public async ValueTask WriteEventAsync(BridgeEventRecord e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = new ArrayBufferWriter<byte>(256);
        BridgeEventSerializer.Write(e, buffer);
        var result = await _outbox.AppendAsync(RecordKind.Event, e.BridgeId, 0, buffer.WrittenMemory, ct).ConfigureAwait(false);
        if (result.IsAccepted)
        {
            await _outbox.WaitForCommitAsync(result.EndPosition, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask PublishMetadataAsync(IReadOnlyList<TagMetadataRecord> metadata, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        long end = -1;
        var buffer = new ArrayBufferWriter<byte>(512);
        foreach (var m in metadata)
        {
            buffer.ResetWrittenCount();
            TagMetadataSerializer.Write(m, buffer);
            var key = Encoding.UTF8.GetBytes(m.TagId);
            var result = await _outbox.AppendAsync(RecordKind.Metadata, m.SourceId, 0, key, buffer.WrittenMemory, ct).ConfigureAwait(false);
            if (result.IsAccepted)
            {
                end = result.EndPosition;
            }
        }

        if (end >= 0)
        {
            await _outbox.WaitForCommitAsync(end, ct).ConfigureAwait(false);
        }
    }

    private void WriteKey(string tagId)
    {
        _key.ResetWrittenCount();
        var span = _key.GetSpan(Encoding.UTF8.GetMaxByteCount(tagId.Length));
        _key.Advance(Encoding.UTF8.GetBytes(tagId, span));
    }

    public ValueTask DisposeAsync()
    {
        _gate.Dispose();
        return default;
    }
}
