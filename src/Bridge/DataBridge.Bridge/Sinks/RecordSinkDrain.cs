using DataBridge.Bridge.Outbox;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;

namespace DataBridge.Bridge.Sinks;

/// <summary>
/// Lets a sink that only takes decoded records (<see cref="IRecordSink"/>, e.g. a test's collecting sink) be drained
/// from the outbox: decodes the stored bytes back into records. Sinks on the hot path implement <see cref="IDrainSink"/>.
/// </summary>
internal sealed class RecordSinkDrain(IRecordSink target) : IDrainSink
{
    public async ValueTask SendAsync(RecordKind kind, IReadOnlyList<EncodedRecord> records, CancellationToken ct)
    {
        switch (kind)
        {
            case RecordKind.Value:
                var values = new List<TagValueRecord>(records.Count);
                for (var i = 0; i < records.Count; i++)
                {
                    values.Add(TagValueSerializer.Read(records[i].Value.Span));
                }

                await target.WriteAsync(values, ct).ConfigureAwait(false);
                break;
            case RecordKind.Metadata:
                var metadata = new List<TagMetadataRecord>(records.Count);
                for (var i = 0; i < records.Count; i++)
                {
                    metadata.Add(TagMetadataSerializer.Read(records[i].Value.Span));
                }

                await target.PublishMetadataAsync(metadata, ct).ConfigureAwait(false);
                break;
            case RecordKind.Event:
                for (var i = 0; i < records.Count; i++)
                {
                    await target.WriteEventAsync(BridgeEventSerializer.Read(records[i].Value.Span), ct).ConfigureAwait(false);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Gaps go through SendGapAsync.");
        }
    }

    public ValueTask SendGapAsync(GapRecord gap, CancellationToken ct) => target.WriteGapAsync(gap, ct);
}
