using DataBridge.Bridge.Outbox;
using DataBridge.Testing.Outbox;
using static DataBridge.Bridge.Tests.Outbox.OutboxFixture;

namespace DataBridge.Bridge.Tests.Outbox;

/// <summary>A full disk budget loses data only by policy, and every lost sequence number is named in a gap record.</summary>
public sealed class OverflowTests
{
    // Sources "A"/"B" with 8-byte payloads: 33-byte frames; a 4 KiB segment holds (4096 - 32) / 33 = 123 records.
    private const int PerSegment = (4096 - 32) / 33;

    private static byte[] Fixed(long sequence) => BitConverter.GetBytes(sequence);

    private static List<string> Gaps(IEnumerable<OutboxRecord> records)
    {
        var list = new List<string>();
        foreach (var r in records)
        {
            if (r.Kind == RecordKind.Gap)
            {
                list.Add($"{r.SourceId}[{r.Gap.FirstSequence}..{r.Gap.LastSequence}] {r.Gap.Reason}");
            }
        }

        return list;
    }

    private static List<long> ValuesOf(IEnumerable<OutboxRecord> records, string source)
    {
        var list = new List<long>();
        foreach (var r in records)
        {
            if (r.Kind == RecordKind.Value && r.SourceId == source)
            {
                list.Add(r.Sequence);
            }
        }

        return list;
    }

    [Fact]
    public async Task Drop_newest_refuses_values_and_writes_one_exact_gap_per_source_when_space_frees_up()
    {
        using var fx = new OutboxFixture();
        var options = fx.Options(segmentBytes: 4096, maxDiskBytes: 8192, overflow: OverflowPolicy.DropNewest);
        options.Sinks.Add("kafka");
        await using var outbox = await OpenAsync(options);
        var firstRefused = new Dictionary<string, long>();
        for (long s = 1; s <= 200; s++)
        {
            foreach (var source in new[] { "A", "B" })
            {
                var r = await outbox.AppendAsync(RecordKind.Value, source, s, Fixed(s));
                if (!r.IsAccepted)
                {
                    firstRefused.TryAdd(source, s);
                }
                else
                {
                    Assert.False(firstRefused.ContainsKey(source), "once full, nothing is accepted until space frees up");
                }
            }
        }

        await outbox.CommitAsync();
        var snapshot = outbox.GetSnapshot();
        Assert.Equal(
            [new SequenceRange("A", firstRefused["A"], 200), new SequenceRange("B", firstRefused["B"], 200)],
            snapshot.PendingRefusedRanges);
        Assert.Equal(400 - (firstRefused["A"] - 1) - (firstRefused["B"] - 1), snapshot.RejectedRecords);
        Assert.True(snapshot.FillRatio > 0.95, $"fill {snapshot.FillRatio}");

        // The sink catches up; its committed position frees the first segment and the gaps go in.
        var seen = ReadAll(outbox, "kafka");
        Assert.Equal(firstRefused["A"] - 1, ValuesOf(seen, "A").Count);

        await outbox.CommitReadPositionAsync("kafka", seen[^1].NextPosition);
        await outbox.CommitAsync();
        Assert.Empty(outbox.GetSnapshot().PendingRefusedRanges);
        var after = ReadAll(outbox, "kafka");
        Assert.Equal(
            [$"A[{firstRefused["A"]}..200] OverflowDropNewest", $"B[{firstRefused["B"]}..200] OverflowDropNewest"],
            Gaps(after));
        Assert.True((await outbox.AppendAsync(RecordKind.Value, "A", 201, Fixed(201))).IsAccepted);
    }

    [Fact]
    public async Task Drop_newest_refused_ranges_survive_a_crash_and_are_written_after_restart()
    {
        using var fx = new OutboxFixture();
        var device = fx.NewDevice();
        var options = fx.Options(segmentBytes: 4096, maxDiskBytes: 8192, overflow: OverflowPolicy.DropNewest, device: device);
        options.Sinks.Add("kafka");
        var outbox = await OpenAsync(options);
        long firstRefused = 0;
        for (long s = 1; s <= 300; s++)
        {
            var r = await outbox.AppendAsync(RecordKind.Value, "A", s, Fixed(s));
            if (!r.IsAccepted && firstRefused == 0)
            {
                firstRefused = s;
            }
        }

        await outbox.CommitAsync();
        device.SimulatePowerLoss();
        await outbox.DisposeAsync();

        var reopenedOptions = fx.Options(segmentBytes: 4096, maxDiskBytes: 8192, overflow: OverflowPolicy.DropNewest);
        await using var reopened = await OpenAsync(reopenedOptions);
        Assert.Equal([new SequenceRange("A", firstRefused, 300)], reopened.GetSnapshot().PendingRefusedRanges);
        Assert.True(reopened.TryGetLastSequence("A", out var last));
        Assert.Equal(300, last);

        var seen = ReadAll(reopened, "kafka");
        await reopened.CommitReadPositionAsync("kafka", seen[^1].NextPosition);
        await reopened.CommitAsync();
        Assert.Equal([$"A[{firstRefused}..300] OverflowDropNewest"], Gaps(ReadAll(reopened, "kafka")));
    }

    [Fact]
    public async Task Drop_oldest_deletes_the_unread_segment_and_writes_exact_gaps_per_source()
    {
        using var fx = new OutboxFixture();
        var options = fx.Options(segmentBytes: 4096, maxDiskBytes: 8192, overflow: OverflowPolicy.DropOldest);
        options.Sinks.Add("kafka");
        await using var outbox = await OpenAsync(options);
        long s = 0;
        while (outbox.GetSnapshot().DroppedSegments == 0)
        {
            s++;
            Assert.True((await outbox.AppendAsync(RecordKind.Value, "A", s, Fixed(s))).IsAccepted);
            Assert.True((await outbox.AppendAsync(RecordKind.Value, "B", s, Fixed(s))).IsAccepted);
        }

        await outbox.CommitAsync();

        // The first segment held A1,B1,A2,B2,... : 123 records = A1..A62 and B1..B61.
        var lostA = (PerSegment + 1) / 2;
        var lostB = PerSegment / 2;
        var records = ReadAll(outbox, "kafka");
        Assert.Equal([$"A[1..{lostA}] OverflowDropOldest", $"B[1..{lostB}] OverflowDropOldest"], Gaps(records));
        Assert.Equal(lostA + 1, ValuesOf(records, "A")[0]);
        Assert.Equal(lostB + 1, ValuesOf(records, "B")[0]);
        Assert.Equal(PerSegment, outbox.GetSnapshot().DroppedRecords);
        Assert.True(outbox.GetSnapshot().UsedBytes <= 8192 + 200);
    }

    [Fact]
    public async Task Drop_oldest_of_a_segment_with_unreadable_bytes_names_them_in_an_unattributed_gap()
    {
        using var fx = new OutboxFixture();
        var options = fx.Options(segmentBytes: 4096, maxDiskBytes: 8192, overflow: OverflowPolicy.DropOldest);
        options.Sinks.Add("kafka");
        await using var outbox = await OpenAsync(options);
        for (long s = 1; s <= PerSegment + 1; s++)
        {
            await outbox.AppendAsync(RecordKind.Value, "A", s, Fixed(s));
        }

        await outbox.CommitAsync();
        await outbox.CommitAsync();

        // Bit rot in A5 of the sealed first segment (33-byte frames after a 32-byte header).
        var first = fx.SegmentFiles()[0];
        var bytes = File.ReadAllBytes(first);
        bytes[32 + (4 * 33) + 30] ^= 0xFF;
        File.WriteAllBytes(first, bytes);

        var next = (long)PerSegment + 1;
        while (outbox.GetSnapshot().DroppedSegments == 0)
        {
            next++;
            await outbox.AppendAsync(RecordKind.Value, "A", next, Fixed(next));
        }

        await outbox.CommitAsync();
        var records = ReadAll(outbox, "kafka");
        Assert.Equal([$"A[1..4] OverflowDropOldest", $"A[6..{PerSegment}] OverflowDropOldest", "[-1..-1] Corruption"], Gaps(records));
        var corrupt = records.Find(r => r.Kind == RecordKind.Gap && !r.Gap.IsAttributed)!;
        Assert.Equal((4L * 33, 33L), (corrupt.Gap.BytePosition, corrupt.Gap.ByteCount));
    }

    [Fact]
    public async Task Drop_oldest_gaps_start_after_what_the_slowest_sink_committed()
    {
        using var fx = new OutboxFixture();
        var options = fx.Options(segmentBytes: 4096, maxDiskBytes: 8192, overflow: OverflowPolicy.DropOldest);
        options.Sinks.Add("kafka");
        await using var outbox = await OpenAsync(options);
        for (long s = 1; s <= 10; s++)
        {
            await outbox.AppendAsync(RecordKind.Value, "A", s, Fixed(s));
            await outbox.AppendAsync(RecordKind.Value, "B", s, Fixed(s));
        }

        await outbox.CommitAsync();
        var delivered = ReadAll(outbox, "kafka");
        await outbox.CommitReadPositionAsync("kafka", delivered[^1].NextPosition);

        long next = 10;
        while (outbox.GetSnapshot().DroppedSegments == 0)
        {
            next++;
            await outbox.AppendAsync(RecordKind.Value, "A", next, Fixed(next));
            await outbox.AppendAsync(RecordKind.Value, "B", next, Fixed(next));
        }

        await outbox.CommitAsync();
        var lostA = (PerSegment + 1) / 2;
        var lostB = PerSegment / 2;
        var rest = ReadAll(outbox, "kafka");
        Assert.Equal([$"A[11..{lostA}] OverflowDropOldest", $"B[11..{lostB}] OverflowDropOldest"], Gaps(rest));
        Assert.Equal(PerSegment - 20, outbox.GetSnapshot().DroppedRecords);
    }

    [Fact]
    public async Task Drop_oldest_covers_every_sequence_number_with_a_value_or_a_gap_through_repeated_drops()
    {
        using var fx = new OutboxFixture();
        var options = fx.Options(segmentBytes: 4096, maxDiskBytes: 3 * 4096, overflow: OverflowPolicy.DropOldest);
        options.Sinks.Add("kafka");
        await using var outbox = await OpenAsync(options);
        using var reader = outbox.OpenReader("kafka");
        var covered = new HashSet<long>();
        for (long s = 1; s <= 3000; s++)
        {
            await outbox.AppendAsync(RecordKind.Value, "A", s, Fixed(s));
            if (s % 700 == 0)
            {
                await outbox.CommitAsync();
                while (reader.TryRead(out var r))
                {
                    Cover(r);
                }
            }
        }

        await outbox.CommitAsync();
        while (reader.TryRead(out var r))
        {
            Cover(r);
        }

        Assert.True(outbox.GetSnapshot().DroppedSegments > 3);
        for (long s = 1; s <= 3000; s++)
        {
            Assert.True(covered.Contains(s), $"sequence {s} is neither delivered nor inside a gap");
        }

        void Cover(OutboxRecord r)
        {
            if (r.Kind == RecordKind.Value)
            {
                covered.Add(r.Sequence);
            }
            else if (r.Kind == RecordKind.Gap)
            {
                for (var q = r.Gap.FirstSequence; q <= r.Gap.LastSequence; q++)
                {
                    covered.Add(q);
                }
            }
        }
    }
}
