using DataBridge.Bridge.Outbox;
using DataBridge.Testing.Outbox;
using static DataBridge.Bridge.Tests.Outbox.OutboxFixture;

namespace DataBridge.Bridge.Tests.Outbox;

/// <summary>Damaged files are repaired on open or turned into gap records by readers, exactly and without a crash.</summary>
public sealed class CorruptionTests
{
    // Source "A" with an 8-byte payload: a 24-byte frame header + 1 + 8 = 33 bytes per record.
    private const int Frame = 33;
    private const int Header = 32;

    private static byte[] Fixed(long sequence) => BitConverter.GetBytes(sequence);

    private static async Task FillAsync(Bridge.Outbox.Outbox outbox, string source, long first, long last)
    {
        for (var s = first; s <= last; s++)
        {
            await outbox.AppendAsync(RecordKind.Value, source, s, Fixed(s));
        }

        await outbox.CommitAsync();
    }

    /// <summary>Power cut: the process dies without closing, only fsynced bytes remain.</summary>
    private static async Task CrashAsync(Bridge.Outbox.Outbox outbox, PowerLossDevice device)
    {
        device.SimulatePowerLoss();
        await outbox.DisposeAsync();
    }

    private static void FlipByte(string path, long offset)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        f.Position = offset;
        var b = f.ReadByte();
        f.Position = offset;
        f.WriteByte((byte)(b ^ 0x5A));
    }

    private static List<string> Describe(IEnumerable<OutboxRecord> records)
    {
        var list = new List<string>();
        foreach (var r in records)
        {
            list.Add(r.Kind == RecordKind.Gap
                ? $"gap {r.SourceId}[{r.Gap.FirstSequence}..{r.Gap.LastSequence}] {r.Gap.Reason} @{r.Gap.BytePosition}+{r.Gap.ByteCount}"
                : $"{r.SourceId}{r.Sequence}");
        }

        return list;
    }

    private static string[] Values(string source, long first, long last)
    {
        var list = new List<string>();
        for (var s = first; s <= last; s++)
        {
            list.Add(source + s);
        }

        return [.. list];
    }

    [Fact]
    public async Task A_partial_last_frame_is_truncated_to_the_last_good_record_and_reported_with_its_byte_count()
    {
        using var fx = new OutboxFixture();
        var device = fx.NewDevice();
        var outbox = await OpenAsync(fx.Options(segmentBytes: 64 * 1024, device: device));
        await FillAsync(outbox, "A", 1, 10);
        await CrashAsync(outbox, device);

        // The write of record 11 was cut after 20 of its 33 bytes.
        var full = new byte[Frame];
        FrameFormat.Write(full, RecordKind.Value, "A"u8, 11, Fixed(11));
        await using (var f = new FileStream(fx.SegmentFiles()[0], FileMode.Append))
        {
            f.Write(full, 0, 20);
        }

        await using var reopened = await OpenAsync(fx.Options(segmentBytes: 64 * 1024));
        var finding = Assert.Single(reopened.RecoveryReport.Findings);
        Assert.Equal(new RecoveryFinding(RecoveryFindingKind.TornTailTruncated, SegmentFile.NameFor(0), 10 * Frame, 20), finding);
        Assert.Equal(20, reopened.RecoveryReport.TruncatedBytes);
        Assert.Equal(Header + (10 * Frame), new FileInfo(fx.SegmentFiles()[0]).Length);
        Assert.Equal(Values("A", 1, 10), Describe(ReadAll(reopened)));

        var next = await reopened.AppendAsync(RecordKind.Value, "A", 11, Fixed(11));
        Assert.Equal(10 * Frame, next.Position);
    }

    [Fact]
    public async Task A_bad_checksum_in_the_last_frame_is_cut_like_a_torn_write()
    {
        using var fx = new OutboxFixture();
        var device = fx.NewDevice();
        var outbox = await OpenAsync(fx.Options(segmentBytes: 64 * 1024, device: device));
        await FillAsync(outbox, "A", 1, 10);
        await CrashAsync(outbox, device);
        FlipByte(fx.SegmentFiles()[0], Header + (9 * Frame) + 30);

        await using var reopened = await OpenAsync(fx.Options(segmentBytes: 64 * 1024));
        Assert.Equal(
            [new RecoveryFinding(RecoveryFindingKind.TornTailTruncated, SegmentFile.NameFor(0), 9 * Frame, Frame)],
            reopened.RecoveryReport.Findings);
        Assert.Equal(Values("A", 1, 9), Describe(ReadAll(reopened)));
    }

    [Fact]
    public async Task A_flipped_byte_in_the_middle_of_a_segment_becomes_a_gap_naming_the_source_and_sequence()
    {
        using var fx = new OutboxFixture();
        await using (var outbox = await OpenAsync(fx.Options(segmentBytes: 64 * 1024)))
        {
            await FillAsync(outbox, "A", 1, 10);
        }

        FlipByte(fx.SegmentFiles()[0], Header + (4 * Frame) + 30);

        await using var reopened = await OpenAsync(fx.Options(segmentBytes: 64 * 1024));
        Assert.True(reopened.RecoveryReport.IsClean, "the checkpoint covers the segment, so recovery does not scan it");
        var records = ReadAll(reopened);
        Assert.Equal([.. Values("A", 1, 4), $"gap A[5..5] Corruption @{4 * Frame}+{Frame}", .. Values("A", 6, 10)], Describe(records));
        Assert.True(records[4].IsSynthetic);
        Assert.Equal(5 * Frame, records[4].NextPosition);
    }

    [Fact]
    public async Task Corruption_found_while_scanning_without_a_checkpoint_is_reported_with_the_derived_gap()
    {
        using var fx = new OutboxFixture();
        await using (var outbox = await OpenAsync(fx.Options(segmentBytes: 64 * 1024)))
        {
            await FillAsync(outbox, "A", 1, 10);
        }

        File.Delete(Path.Combine(fx.Directory, "checkpoint.json"));
        FlipByte(fx.SegmentFiles()[0], Header + (4 * Frame) + 5);
        FlipByte(fx.SegmentFiles()[0], Header + (5 * Frame) + 5);

        await using var reopened = await OpenAsync(fx.Options(segmentBytes: 64 * 1024));
        Assert.Equal(
            [
                new RecoveryFinding(RecoveryFindingKind.CheckpointMissing, "checkpoint.json", -1, 0),
                new RecoveryFinding(RecoveryFindingKind.CorruptRegionSkipped, SegmentFile.NameFor(0), 4 * Frame, 2 * Frame, new SequenceRange("A", 5, 6)),
            ],
            reopened.RecoveryReport.Findings);
        Assert.Equal([.. Values("A", 1, 4), $"gap A[5..6] Corruption @{4 * Frame}+{2 * Frame}", .. Values("A", 7, 10)], Describe(ReadAll(reopened)));
    }

    [Fact]
    public async Task Corruption_between_records_of_different_sources_is_an_unattributed_gap_with_its_byte_range()
    {
        using var fx = new OutboxFixture();
        await using (var outbox = await OpenAsync(fx.Options(segmentBytes: 64 * 1024)))
        {
            await outbox.AppendAsync(RecordKind.Value, "A", 1, Fixed(1));
            await outbox.AppendAsync(RecordKind.Value, "B", 1, Fixed(1));
            await outbox.AppendAsync(RecordKind.Value, "A", 2, Fixed(2));
            await outbox.CommitAsync();
        }

        FlipByte(fx.SegmentFiles()[0], Header + Frame + 12);

        await using var reopened = await OpenAsync(fx.Options(segmentBytes: 64 * 1024));
        Assert.Equal(["A1", $"gap [-1..-1] Corruption @{Frame}+{Frame}", "A2"], Describe(ReadAll(reopened)));
    }

    [Fact]
    public async Task A_zero_length_last_segment_is_reinitialised_and_appends_continue_at_its_base()
    {
        using var fx = new OutboxFixture();
        long end;
        await using (var outbox = await OpenAsync(fx.Options()))
        {
            await FillAsync(outbox, "A", 1, 200);
            end = outbox.EndPosition;
        }

        // Created by a roll whose header write never reached the disk.
        File.WriteAllBytes(Path.Combine(fx.Directory, SegmentFile.NameFor(end)), []);

        await using var reopened = await OpenAsync(fx.Options());
        Assert.Equal([new RecoveryFinding(RecoveryFindingKind.ZeroLengthSegment, SegmentFile.NameFor(end), end, 0)], reopened.RecoveryReport.Findings);
        Assert.Equal(Header, new FileInfo(Path.Combine(fx.Directory, SegmentFile.NameFor(end))).Length);
        var r = await reopened.AppendAsync(RecordKind.Value, "A", 201, Fixed(201));
        Assert.Equal(end, r.Position);
        await reopened.CommitAsync();
        Assert.Equal(Values("A", 1, 201), Describe(ReadAll(reopened)));
    }

    [Fact]
    public async Task A_zero_length_segment_in_the_middle_is_removed_and_readers_get_a_gap_for_its_positions()
    {
        using var fx = new OutboxFixture();
        await using (var outbox = await OpenAsync(fx.Options()))
        {
            await FillAsync(outbox, "A", 1, 300);
        }

        var files = fx.SegmentFiles();
        Assert.True(files.Length >= 3);
        var middle = Path.GetFileName(files[1]);
        Assert.True(SegmentFile.TryParseName(middle, out var middleBase));
        Assert.True(SegmentFile.TryParseName(Path.GetFileName(files[2]), out var nextBase));
        File.WriteAllBytes(files[1], []);

        await using var reopened = await OpenAsync(fx.Options());
        Assert.Equal(
            [
                new RecoveryFinding(RecoveryFindingKind.ZeroLengthSegment, middle, middleBase, 0),
                new RecoveryFinding(RecoveryFindingKind.PositionsLost, middle, middleBase, nextBase - middleBase),
            ],
            reopened.RecoveryReport.Findings);
        Assert.False(File.Exists(files[1]));

        var perSegment = (4096 - Header) / Frame;
        var lostFirst = perSegment + 1;
        var lostLast = 2 * perSegment;
        Assert.Equal(
            [.. Values("A", 1, lostFirst - 1), $"gap [-1..-1] Corruption @{middleBase}+{nextBase - middleBase}", .. Values("A", lostLast + 1, 300)],
            Describe(ReadAll(reopened)));
    }

    [Fact]
    public async Task A_missing_checkpoint_makes_recovery_scan_everything_and_lose_nothing()
    {
        using var fx = new OutboxFixture();
        long dataBytes;
        await using (var outbox = await OpenAsync(fx.Options()))
        {
            await FillAsync(outbox, "A", 1, 300);
            dataBytes = outbox.EndPosition;
        }

        File.Delete(Path.Combine(fx.Directory, "checkpoint.json"));

        await using var reopened = await OpenAsync(fx.Options());
        Assert.Equal([new RecoveryFinding(RecoveryFindingKind.CheckpointMissing, "checkpoint.json", -1, 0)], reopened.RecoveryReport.Findings);
        Assert.Equal(dataBytes, reopened.RecoveryReport.BytesScanned);
        Assert.Equal(300, reopened.RecoveryReport.RecordsScanned);
        Assert.True(reopened.TryGetLastSequence("A", out var last));
        Assert.Equal(300, last);
        Assert.Equal(Values("A", 1, 300), Describe(ReadAll(reopened)));
        Assert.True(File.Exists(Path.Combine(fx.Directory, "checkpoint.json")), "recovery writes a fresh checkpoint");
    }
}
