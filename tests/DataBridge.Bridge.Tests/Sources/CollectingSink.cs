using System.Collections.Concurrent;
using DataBridge.Bridge.Sinks;
using DataBridge.Schemas;

namespace DataBridge.Bridge.Tests.Sources;

/// <summary>An in-memory sink that keeps every record and gap, thread-safe (the source writes from the engine's loop).</summary>
internal sealed class CollectingSink : IRecordSink
{
    private readonly ConcurrentQueue<TagValueRecord> _values = new();
    private readonly ConcurrentQueue<GapRecord> _gaps = new();

    public TagValueRecord[] Values => [.. _values];

    public GapRecord[] Gaps => [.. _gaps];

    public long[] ValuesOf(string tagId) => [.. _values.Where(v => v.TagId == tagId).Select(v => v.Value.AsInt64())];

    public ValueTask WriteAsync(IReadOnlyList<TagValueRecord> records, CancellationToken ct)
    {
        foreach (var r in records)
        {
            _values.Enqueue(r);
        }

        return default;
    }

    public ValueTask WriteGapAsync(GapRecord gap, CancellationToken ct)
    {
        _gaps.Enqueue(gap);
        return default;
    }

    public ValueTask WriteEventAsync(BridgeEventRecord e, CancellationToken ct) => default;

    public ValueTask PublishMetadataAsync(IReadOnlyList<TagMetadataRecord> metadata, CancellationToken ct) => default;

    public ValueTask DisposeAsync() => default;

    /// <summary>Every sequence number from 1 to the highest is in exactly one value record or inside a gap record.</summary>
    public void AssertEverySequenceAccountedFor()
    {
        var seen = new HashSet<long>();
        foreach (var v in _values)
        {
            Assert.True(seen.Add(v.Sequence), $"sequence {v.Sequence} delivered twice");
        }

        foreach (var g in _gaps)
        {
            for (var s = g.FirstSequence; s <= g.LastSequence; s++)
            {
                Assert.True(seen.Add(s), $"sequence {s} both in a gap and elsewhere");
            }
        }

        var max = seen.Count == 0 ? 0 : seen.Max();
        for (long s = 1; s <= max; s++)
        {
            Assert.True(seen.Contains(s), $"sequence {s} is neither delivered nor in a gap record");
        }
    }
}
