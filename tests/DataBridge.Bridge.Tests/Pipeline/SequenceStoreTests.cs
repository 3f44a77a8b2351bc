using DataBridge.Bridge.Pipeline;

namespace DataBridge.Bridge.Tests.Pipeline;

public sealed class SequenceStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "databridge-seq-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void A_new_source_starts_at_one_and_numbers_are_consecutive()
    {
        using var store = SequenceStore.Open(_dir, "press01");
        Assert.Null(store.Unconfirmed);
        Assert.Equal(1, store.Reserve(3));
        Assert.Equal(4, store.Reserve(1));
        Assert.Equal(5, store.Next);
    }

    [Fact]
    public void After_a_clean_shutdown_numbering_continues_without_a_gap()
    {
        using (var store = SequenceStore.Open(_dir, "press01"))
        {
            store.Reserve(5);
            store.Confirm(5);
        }

        using var reopened = SequenceStore.Open(_dir, "press01");
        Assert.Null(reopened.Unconfirmed);
        Assert.Equal(6, reopened.Reserve(1));
    }

    [Fact]
    public void Without_the_outbox_after_a_crash_numbers_are_never_reused_and_the_unconfirmed_range_is_reported()
    {
        var store = SequenceStore.Open(_dir, "press01");
        store.Reserve(7);
        store.Confirm(4);

        // No Dispose: the process died. Numbers 5..7 were handed out but never confirmed delivered.
        using var reopened = SequenceStore.Open(_dir, "press01");
        Assert.NotNull(reopened.Unconfirmed);
        var (first, last) = reopened.Unconfirmed!.Value;
        Assert.Equal(5, first);
        Assert.True(last >= 7, "the reported range must cover every number handed out");
        Assert.Equal(last + 1, reopened.Reserve(1));
    }

    [Fact]
    public void With_the_outbox_a_crash_resumes_right_after_its_last_number_and_reports_no_gap()
    {
        var store = SequenceStore.Open(_dir, "press01", outboxLast: 0);
        store.Reserve(7);
        store.Confirm(4);

        // No Dispose: the process died. 1..6 reached the outbox, 7 was given to a value that never did (it was never
        // acknowledged upstream and never left the process), 8..10,007 were only reserved.
        using var reopened = SequenceStore.Open(_dir, "press01", outboxLast: 6);
        Assert.Null(reopened.Unconfirmed);
        Assert.Equal((7L, 10_007L), reopened.Resumed);
        Assert.Equal(7, reopened.Reserve(1));
    }

    [Fact]
    public void With_the_outbox_numbers_stay_above_every_number_it_holds_even_past_the_sequence_file()
    {
        using (var store = SequenceStore.Open(_dir, "press01", outboxLast: 0))
        {
            store.Reserve(3);
            store.Confirm(3);
        }

        // The outbox holds a later number than the sequence file says (e.g. the file was restored from a backup).
        using var reopened = SequenceStore.Open(_dir, "press01", outboxLast: 25_000);
        Assert.Null(reopened.Unconfirmed);
        Assert.Equal(25_001, reopened.Reserve(1));
    }

    [Fact]
    public void An_outbox_that_knows_less_than_the_sequence_file_still_reports_the_unconfirmed_range()
    {
        var store = SequenceStore.Open(_dir, "press01", outboxLast: 0);
        store.Reserve(7);
        store.Confirm(5);

        // The outbox was deleted: numbers 1..5 were confirmed into it, so 6..7 may have left too. Never reuse them.
        using var reopened = SequenceStore.Open(_dir, "press01", outboxLast: 0);
        Assert.NotNull(reopened.Unconfirmed);
        var (first, last) = reopened.Unconfirmed!.Value;
        Assert.Equal(6, first);
        Assert.True(last >= 7);
        Assert.Equal(last + 1, reopened.Reserve(1));
    }

    [Fact]
    public void Sources_are_kept_apart()
    {
        using var a = SequenceStore.Open(_dir, "a");
        using var b = SequenceStore.Open(_dir, "b");
        a.Reserve(10);
        Assert.Equal(1, b.Reserve(1));
    }

    [Fact]
    public void A_damaged_state_file_gives_an_error_that_says_what_to_do()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "sequences"));
        File.WriteAllText(Path.Combine(_dir, "sequences", "x.seq"), "reserved=abc\n");
        var ex = Assert.Throws<InvalidDataException>(() => SequenceStore.Open(_dir, "x"));
        Assert.Contains("unreadable line 'reserved=abc'", ex.Message, StringComparison.Ordinal);
    }
}
