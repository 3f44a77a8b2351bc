using DataBridge.Bridge.Sinks;
using DataBridge.Schemas;

namespace DataBridge.Bench.OpcUa;

/// <summary>
/// Accepts records in memory (no Kafka, no outbox) so the bench measures connector + pipeline only; counts them and
/// checks that the pipeline's sequence numbers run on without a hole or a repeat.
/// </summary>
internal sealed class CountingSink : IRecordSink
{
    private long _records;
    private long _nextSequence;
    private long _sequenceErrors;

    public long Records => Interlocked.Read(ref _records);

    public long SequenceErrors => Interlocked.Read(ref _sequenceErrors);

    public ValueTask WriteAsync(IReadOnlyList<TagValueRecord> records, CancellationToken ct)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var seq = records[i].Sequence;
            if (_nextSequence != 0 && seq != _nextSequence)
            {
                _sequenceErrors++;
            }

            _nextSequence = seq + 1;
        }

        Interlocked.Add(ref _records, records.Count);
        return default;
    }

    public ValueTask WriteGapAsync(GapRecord gap, CancellationToken ct) => default;

    public ValueTask WriteEventAsync(BridgeEventRecord e, CancellationToken ct) => default;

    public ValueTask PublishMetadataAsync(IReadOnlyList<TagMetadataRecord> metadata, CancellationToken ct) => default;

    public ValueTask DisposeAsync() => default;
}
