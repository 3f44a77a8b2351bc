using DataBridge.Diode.Packing;

namespace DataBridge.Diode.Tests.Packing;

internal sealed record TestRecord(byte Kind, string SourceId, long Sequence, byte[] Key, byte[] Value)
{
    public bool Same(TestRecord other) =>
        Kind == other.Kind && SourceId == other.SourceId && Sequence == other.Sequence && Key.AsSpan().SequenceEqual(other.Key) && Value.AsSpan().SequenceEqual(other.Value);

    public override string ToString() => $"{SourceId}#{Sequence} kind {Kind} key {Key.Length} B value {Value.Length} B";
}

internal sealed class PayloadCollector : IPayloadSink
{
    public List<byte[]> Payloads { get; } = [];

    public void OnPayload(ReadOnlySpan<byte> payload) => Payloads.Add(payload.ToArray());
}

internal sealed class RecordCollector : IRecordSink
{
    public List<TestRecord> Records { get; } = [];

    public List<LostRecord> Lost { get; } = [];

    public void OnRecord(in PackedRecord record) =>
        Records.Add(new TestRecord(record.Kind, record.SourceId, record.Sequence, record.Key.ToArray(), record.Value.ToArray()));

    public void OnRecordLost(in LostRecord lost) => Lost.Add(lost);
}
