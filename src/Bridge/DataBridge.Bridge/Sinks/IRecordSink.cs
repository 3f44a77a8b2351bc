using DataBridge.Schemas;

namespace DataBridge.Bridge.Sinks;

/// <summary>
/// Where records leave the edge: a Kafka producer or a diode sender. The outbox hands batches to a sink and
/// advances its committed position only when the returned task completes, so every method completes only
/// once the sink has durably accepted every record (Kafka: every delivery report succeeded with acks=all).
/// </summary>
/// <remarks>
/// On failure a method throws <see cref="SinkException"/> after every record of the call has been settled
/// (delivered or failed); the outbox then re-sends the whole call, and consumers de-duplicate on
/// (source id, sequence). Methods may be called concurrently.
/// </remarks>
public interface IRecordSink : IAsyncDisposable
{
    /// <summary>Sends tag values; completes when all are durably accepted.</summary>
    ValueTask WriteAsync(IReadOnlyList<TagValueRecord> records, CancellationToken ct);

    /// <summary>Sends a gap record; completes when it is durably accepted.</summary>
    ValueTask WriteGapAsync(GapRecord gap, CancellationToken ct);

    /// <summary>Sends a bridge event; completes when it is durably accepted.</summary>
    ValueTask WriteEventAsync(BridgeEventRecord e, CancellationToken ct);

    /// <summary>Publishes tag metadata (the latest per tag wins); completes when all are durably accepted.</summary>
    ValueTask PublishMetadataAsync(IReadOnlyList<TagMetadataRecord> metadata, CancellationToken ct);
}
