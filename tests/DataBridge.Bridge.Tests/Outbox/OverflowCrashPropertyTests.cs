using CsCheck;
using DataBridge.Bridge.Outbox;
using DataBridge.Testing.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Bridge.Tests.Outbox;

/// <summary>
/// Under a tiny budget with drop-oldest, random appends, commits, power cuts and reopens: every acknowledged sequence
/// number of every source is delivered to a sink as a value or lies inside a gap record. Nothing is lost silently.
/// </summary>
public sealed class OverflowCrashPropertyTests
{
    private static int s_drops;
    private static int s_crashes;

    private sealed record Op(int Kind, int Arg);

    [Fact]
    public async Task Every_acknowledged_sequence_is_delivered_or_covered_by_a_gap_under_drop_oldest_and_crashes()
    {
        var gen = Gen.Select(Gen.Int[0, 15], Gen.Int[0, 10_000], (k, a) => new Op(k, a)).Array[20, 300];
        await gen.SampleAsync(RunAsync, iter: 25, threads: 1);
        Assert.True(s_drops > 10 && s_crashes > 25, $"the run must exercise overflow and crashes: {s_drops} segments dropped, {s_crashes} power cuts");
    }

    private static async Task RunAsync(Op[] ops)
    {
        using var fx = new OutboxFixture();
        var covered = new Dictionary<string, HashSet<long>> { ["A"] = [], ["B"] = [] };
        var acked = new Dictionary<string, long> { ["A"] = 0, ["B"] = 0 };
        var next = new Dictionary<string, long> { ["A"] = 1, ["B"] = 1 };
        var appendedSinceAck = new Dictionary<string, long> { ["A"] = 0, ["B"] = 0 };
        var device = fx.NewDevice();
        var outbox = await OpenAsync(fx, device);
        var reader = outbox.OpenReader("sink");
        try
        {
            foreach (var op in ops)
            {
                switch (op.Kind)
                {
                    case <= 10:
                        var source = op.Arg % 2 == 0 ? "A" : "B";
                        var r = await outbox.AppendAsync(RecordKind.Value, source, next[source], new byte[op.Arg % 400]);
                        Assert.True(r.IsAccepted);
                        appendedSinceAck[source] = next[source]++;
                        break;
                    case <= 13:
                        await outbox.CommitAsync();
                        acked["A"] = Math.Max(acked["A"], appendedSinceAck["A"]);
                        acked["B"] = Math.Max(acked["B"], appendedSinceAck["B"]);
                        break;
                    default:
                        Interlocked.Add(ref s_drops, (int)outbox.GetSnapshot().DroppedSegments);
                        Interlocked.Increment(ref s_crashes);
                        device.SimulatePowerLoss(op.Kind == 14 ? null : new Random(op.Arg));
                        reader.Dispose();
                        await outbox.DisposeAsync();
                        device = fx.NewDevice();
                        outbox = await OpenAsync(fx, device);
                        reader = outbox.OpenReader("sink");
                        foreach (var s in new[] { "A", "B" })
                        {
                            next[s] = (outbox.TryGetLastSequence(s, out var last) ? last : 0) + 1;
                            Assert.True(next[s] > acked[s], $"{s}: the outbox forgot acknowledged sequence {acked[s]}");
                            appendedSinceAck[s] = 0;
                        }

                        break;
                }

                Drain(reader, covered);
            }

            await outbox.CommitAsync();
            Drain(reader, covered);
            Interlocked.Add(ref s_drops, (int)outbox.GetSnapshot().DroppedSegments);
            foreach (var (source, last) in acked)
            {
                for (long q = 1; q <= last; q++)
                {
                    Assert.True(covered[source].Contains(q), $"{source}#{q} was acknowledged but is neither delivered nor in a gap");
                }
            }
        }
        finally
        {
            reader.Dispose();
            await outbox.DisposeAsync();
        }
    }

    private static void Drain(OutboxReader reader, Dictionary<string, HashSet<long>> covered)
    {
        while (reader.TryRead(out var r))
        {
            if (r.Kind == RecordKind.Value)
            {
                covered[r.SourceId].Add(r.Sequence);
            }
            else if (r.Kind == RecordKind.Gap && r.Gap.IsAttributed)
            {
                for (var q = r.Gap.FirstSequence; q <= r.Gap.LastSequence; q++)
                {
                    covered[r.SourceId].Add(q);
                }
            }
        }
    }

    private static Task<Bridge.Outbox.Outbox> OpenAsync(OutboxFixture fx, PowerLossDevice device)
    {
        var options = fx.Options(segmentBytes: 4096, maxDiskBytes: 3 * 4096, overflow: OverflowPolicy.DropOldest, device: device);
        options.Sinks.Add("sink");
        options.MaxCommitInterval = TimeSpan.FromMilliseconds(1);
        return Bridge.Outbox.Outbox.OpenAsync(options, TimeProvider.System, NullLogger.Instance);
    }
}
