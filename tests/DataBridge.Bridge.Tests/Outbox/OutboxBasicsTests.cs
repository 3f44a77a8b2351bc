using System.Text;
using DataBridge.Bridge.Outbox;
using DataBridge.Testing.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static DataBridge.Bridge.Tests.Outbox.OutboxFixture;

namespace DataBridge.Bridge.Tests.Outbox;

public sealed class OutboxBasicsTests
{
    [Fact]
    public void Crc32C_matches_the_RFC_3720_check_value()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
    }

    [Fact]
    public async Task Appended_records_are_read_back_in_order_once_committed()
    {
        using var fx = new OutboxFixture();
        await using var outbox = await OpenAsync(fx.Options());
        var a = await outbox.AppendAsync(RecordKind.Value, "plc1", 1, Payload("plc1", 1));
        await outbox.AppendAsync(RecordKind.Metadata, "plc1", 0, "meta"u8.ToArray());
        var last = await outbox.AppendAsync(RecordKind.Value, "plc2", 7, Payload("plc2", 7));
        await outbox.WaitForCommitAsync(last.EndPosition);

        var records = ReadAll(outbox);
        Assert.Equal(["Value plc1#1", "Metadata plc1#0", "Value plc2#7"], records.ConvertAll(Describe));
        Assert.Equal(a.Position, records[0].Position);
        Assert.Equal(records[0].NextPosition, records[1].Position);
        Assert.Equal("plc2#7", Encoding.UTF8.GetString(records[2].Payload.Span));
        Assert.Equal(outbox.DurablePosition, records[2].NextPosition);
    }

    [Fact]
    public async Task Group_commit_makes_a_record_durable_within_the_interval_without_an_explicit_commit()
    {
        using var fx = new OutboxFixture();
        await using var outbox = await OpenAsync(fx.Options());
        var r = await outbox.AppendAsync(RecordKind.Value, "s", 1, Payload("s", 1));
        await outbox.WaitForCommitAsync(r.EndPosition).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(outbox.DurablePosition >= r.EndPosition);
    }

    [Fact]
    public async Task A_reader_waits_for_new_data_and_wakes_when_it_is_committed()
    {
        using var fx = new OutboxFixture();
        await using var outbox = await OpenAsync(fx.Options());
        using var reader = outbox.OpenReader("kafka");
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        outbox.ReaderWaiting = _ => waiting.TrySetResult();
        var pending = reader.ReadAsync().AsTask();
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(pending.IsCompleted);
        await outbox.AppendAsync(RecordKind.Value, "s", 42, Payload("s", 42));
        var record = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(42, record.Sequence);
    }

    [Fact]
    public async Task A_sink_resumes_from_its_committed_position_after_reopen()
    {
        using var fx = new OutboxFixture();
        long committed;
        await using (var outbox = await OpenAsync(fx.Options()))
        {
            await AppendValuesAsync(outbox, "s", 1, 10);
            using var reader = outbox.OpenReader("kafka");
            OutboxRecord? r = null;
            for (var i = 0; i < 4; i++)
            {
                r = await reader.ReadAsync();
            }

            committed = r!.NextPosition;
            await outbox.CommitReadPositionAsync("kafka", committed);
        }

        await using (var outbox = await OpenAsync(fx.Options()))
        {
            Assert.True(outbox.RecoveryReport.IsClean, string.Join("; ", outbox.RecoveryReport.Findings));
            Assert.Equal(committed, outbox.GetReadPosition("kafka"));
            var rest = ReadAll(outbox, "kafka");
            Assert.Equal([5L, 6, 7, 8, 9, 10], rest.ConvertAll(r => r.Sequence));
            Assert.True(outbox.TryGetLastSequence("s", out var last));
            Assert.Equal(10, last);
        }
    }

    [Fact]
    public async Task Segments_roll_at_the_configured_size_and_are_deleted_once_every_sink_has_passed_them()
    {
        using var fx = new OutboxFixture();
        var options = fx.Options(segmentBytes: 4096);
        options.Sinks.Add("kafka");
        options.Sinks.Add("diode");
        await using var outbox = await OpenAsync(options);
        await AppendValuesAsync(outbox, "s", 1, 1000);
        var segments = fx.SegmentFiles().Length;
        Assert.True(segments >= 4, $"expected several 4 KiB segments, found {segments}");
        foreach (var f in fx.SegmentFiles())
        {
            Assert.True(new FileInfo(f).Length <= 4096);
        }

        var all = ReadAll(outbox, "kafka");
        Assert.Equal(1000, all.Count);
        await outbox.CommitReadPositionAsync("kafka", all[^1].NextPosition);
        Assert.Equal(segments, fx.SegmentFiles().Length);

        await outbox.CommitReadPositionAsync("diode", all[500].NextPosition);
        var afterHalf = fx.SegmentFiles().Length;
        Assert.InRange(afterHalf, 2, segments - 1);
        Assert.True(outbox.FirstPosition <= all[500].NextPosition);

        await outbox.CommitReadPositionAsync("diode", all[^1].NextPosition);
        Assert.Single(fx.SegmentFiles());
    }

    [Fact]
    public async Task A_clean_reopen_scans_nothing_and_continues_positions()
    {
        using var fx = new OutboxFixture();
        long end;
        await using (var outbox = await OpenAsync(fx.Options()))
        {
            await AppendValuesAsync(outbox, "s", 1, 300);
            end = outbox.EndPosition;
        }

        await using (var outbox = await OpenAsync(fx.Options()))
        {
            Assert.True(outbox.RecoveryReport.IsClean);
            Assert.Equal(0, outbox.RecoveryReport.BytesScanned);
            Assert.Equal(end, outbox.EndPosition);
            var r = await outbox.AppendAsync(RecordKind.Value, "s", 301, Payload("s", 301));
            Assert.Equal(end, r.Position);
            await outbox.CommitAsync();
            Assert.Equal(301, ReadAll(outbox).Count);
        }
    }

    [Fact]
    public async Task A_disk_failure_faults_the_outbox_with_an_actionable_error_and_keeps_what_was_committed()
    {
        using var fx = new OutboxFixture();
        var device = fx.NewDevice();
        await using (var outbox = await OpenAsync(fx.Options(device: device)))
        {
            await AppendValuesAsync(outbox, "s", 1, 5);
            device.FailWrites = true;
            var r = await outbox.AppendAsync(RecordKind.Value, "s", 6, Payload("s", 6));
            var ex = await Assert.ThrowsAsync<OutboxException>(async () => await outbox.WaitForCommitAsync(r.EndPosition));
            Assert.Contains("Check free space", ex.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<OutboxException>(async () => await outbox.AppendAsync(RecordKind.Value, "s", 7, Payload("s", 7)));
        }

        device.FailWrites = false;
        await using (var outbox = await OpenAsync(fx.Options(device: fx.NewDevice())))
        {
            Assert.Equal([1L, 2, 3, 4, 5], ReadAll(outbox).ConvertAll(r => r.Sequence));
        }
    }

    [Fact]
    public async Task Without_commit_on_await_a_record_becomes_durable_only_when_the_commit_interval_elapses()
    {
        using var fx = new OutboxFixture();
        var time = new TimerWatchingTimeProvider();
        var options = fx.Options();
        options.CommitWhenAwaited = false;
        options.MaxCommitInterval = TimeSpan.FromMilliseconds(10);
        await using var outbox = await Bridge.Outbox.Outbox.OpenAsync(options, time, NullLogger.Instance);
        var r = await outbox.AppendAsync(RecordKind.Value, "s", 1, Payload("s", 1));
        var wait = outbox.WaitForCommitAsync(r.EndPosition).AsTask();

        // The committer parks on the interval timer of the outbox's clock; until that clock moves no round can start.
        await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(wait.IsCompleted, "no fsync round before the interval has passed on the outbox's clock");
        Assert.True(outbox.DurablePosition < r.EndPosition);

        await Eventually.WaitUntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(10));
                return wait.IsCompleted;
            },
            TimeSpan.FromSeconds(10),
            "the commit after the interval");
        await wait;
        Assert.Equal(r.EndPosition, outbox.DurablePosition);
    }

    [Fact]
    public async Task A_second_outbox_on_the_same_directory_is_refused_while_the_first_is_open()
    {
        using var fx = new OutboxFixture();
        await using (var first = await OpenAsync(fx.Options()))
        {
            var ex = await Assert.ThrowsAsync<OutboxException>(() => OpenAsync(fx.Options()));
            Assert.Contains("in use by another process", ex.Message, StringComparison.Ordinal);
        }

        await using var again = await OpenAsync(fx.Options());
        Assert.True(again.RecoveryReport.IsClean);
    }
}
