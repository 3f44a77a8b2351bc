using DataBridge.Bridge.Outbox;
using static DataBridge.Bridge.Tests.Outbox.OutboxFixture;

namespace DataBridge.Bridge.Tests.Outbox;

/// <summary>The report behind <c>databridge outbox inspect &lt;dir&gt;</c>.</summary>
public sealed class InspectTests
{
    private static byte[] Fixed(long sequence) => BitConverter.GetBytes(sequence);

    [Fact]
    public async Task Inspect_reports_segments_sinks_sources_gaps_and_unexplained_holes()
    {
        using var fx = new OutboxFixture();
        var options = fx.Options(segmentBytes: 4096, maxDiskBytes: 8192);
        options.Sinks.Add("kafka");
        await using (var outbox = await OpenAsync(options))
        {
            await outbox.AppendAsync(RecordKind.Value, "A", 1, Fixed(1));
            await outbox.AppendAsync(RecordKind.Value, "B", 1, Fixed(1));
            await outbox.AppendAsync(RecordKind.Value, "A", 2, Fixed(2));
            await outbox.AppendAsync(RecordKind.Value, "B", 2, Fixed(2));
            await outbox.AppendAsync(RecordKind.Value, "A", 3, Fixed(3));
            await outbox.AppendAsync(RecordKind.Gap, "A", 4, new GapInfo(4, 5, GapReason.Upstream).ToArray());
            await outbox.AppendAsync(RecordKind.Value, "A", 7, Fixed(7));
            await outbox.CommitAsync();
            await outbox.CommitReadPositionAsync("kafka", 66);
        }

        // Damage B2 (33-byte frames: A1@0 B1@33 A2@66 B2@99).
        var segment = fx.SegmentFiles()[0];
        var bytes = File.ReadAllBytes(segment);
        bytes[32 + 99 + 20] ^= 0xFF;
        File.WriteAllBytes(segment, bytes);

        var writer = new StringWriter { NewLine = "\n" };
        OutboxInspector.Inspect(fx.Directory).WriteTo(writer);
        Assert.Equal(
            $"""
            outbox {fx.Directory}
            segments: 1, 6 records, 291 bytes, end position 259
              seg-00000000000000000000.log  base=0  bytes=291  records=6  unreadable=33
            checkpoint: durable position 259
            sinks: 1
              kafka  committed=66  behind=193 bytes
            sources: 2
              A  values=4  first=1  last=7
                UNEXPLAINED HOLE 6..6 (no value and no gap record)
              B  values=1  first=1  last=1
            gaps known: 2
              (unattributed) 33 unreadable bytes  Corruption  at position 99
              A 4..5  Upstream  at position 165

            """,
            writer.ToString());
    }

    [Fact]
    public async Task Inspect_lists_refused_ranges_that_still_wait_for_their_gap_record()
    {
        using var fx = new OutboxFixture();
        var options = fx.Options(segmentBytes: 4096, maxDiskBytes: 8192, overflow: OverflowPolicy.DropNewest);
        options.Sinks.Add("kafka");
        await using (var outbox = await OpenAsync(options))
        {
            for (long s = 1; s <= 300; s++)
            {
                await outbox.AppendAsync(RecordKind.Value, "A", s, Fixed(s));
            }

            await outbox.CommitAsync();
        }

        var inspection = OutboxInspector.Inspect(fx.Directory);
        var refused = Assert.Single(inspection.PendingRefused);
        Assert.Equal(300, refused.Last);
        var source = Assert.Single(inspection.Sources);
        Assert.Equal((1L, 300L), (source.FirstSequence, source.LastSequence));
        Assert.Empty(source.UnexplainedHoles);
        Assert.Equal(refused.First - 1, source.Values);

        var writer = new StringWriter { NewLine = "\n" };
        inspection.WriteTo(writer);
        Assert.Contains($"  A {refused.First}..300  OverflowDropNewest  refused, gap record pending\n", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_of_a_missing_directory_says_which_directory_to_pass()
    {
        var ex = Assert.Throws<DirectoryNotFoundException>(() => OutboxInspector.Inspect("/nonexistent/outbox"));
        Assert.Contains("outbox.directory", ex.Message, StringComparison.Ordinal);
    }
}
