using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Receiving;
using DataBridge.Diode.Sending;
using DataBridge.Diode.Tests.Datagrams;
using DataBridge.Diode.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DataBridge.Diode.Tests.Receiving;

/// <summary>Sender and receiver core joined by an in-memory link that loses, reorders, duplicates and forges.</summary>
public sealed class DiodeLinkTests
{
    private const int Sources = 5;

    [Fact]
    public void Every_record_crosses_a_clean_link_once_with_no_gap()
    {
        var datagrams = DiodeLink.Send(Sources, 1, 4000);
        var (output, stats) = DiodeLink.Receive(datagrams);

        Assert.Equal(Sources * 4000, output.Count);
        Assert.Empty(output.Gaps);
        Assert.Empty(output.Duplicates());
        Assert.Equal(0, output.WrongContent);
        Assert.Equal(0, stats.BlocksLost);
        Assert.True(stats.BlocksComplete > 2, $"{stats.BlocksComplete} blocks");
    }

    [Fact]
    public void Five_percent_random_loss_is_repaired_by_the_default_FEC_with_no_gap()
    {
        var datagrams = DiodeLink.Send(Sources, 1, 20000);
        var random = new Random(5);
        var (output, stats) = DiodeLink.Receive(datagrams.Where(_ => random.NextDouble() >= 0.05));

        Assert.Equal(Sources * 20000, output.Count);
        Assert.Empty(output.Gaps);
        Assert.True(stats.SymbolsRepaired > 50, $"{stats.SymbolsRepaired} symbols repaired");
        Assert.InRange(stats.EstimatedLossRate, 0.03, 0.07);
    }

    [Fact]
    public void A_burst_of_up_to_the_parity_count_is_repaired_wherever_it_falls()
    {
        var datagrams = DiodeLink.Send(Sources, 1, 20000);
        var (output, stats) = DiodeLink.Receive(datagrams.Where((_, i) => i % 400 is 0 or >= 25));

        Assert.True(Sources * 20000 == output.Count, $"{output.Count} delivered, {string.Join(", ", output.Gaps)} {stats}");
        Assert.Empty(output.Gaps);
    }

    [Fact]
    public void Loss_beyond_FEC_is_reported_as_exact_gaps_and_nothing_else_is_missing()
    {
        var datagrams = DiodeLink.Send(Sources, 1, 20000);
        var random = new Random(20);
        var kept = datagrams.Where((_, i) => i % 1000 >= 60 && random.NextDouble() >= 0.12).ToList();
        var (output, stats) = DiodeLink.Receive(kept);

        Assert.True(stats.BlocksLost > 0);
        Assert.NotEmpty(output.Gaps);
        Assert.Empty(output.Unaccounted(Sources, 1, 20000));
        Assert.Empty(output.Duplicates());
        foreach (var gap in output.Gaps)
        {
            for (var q = gap.First; q <= gap.Last; q++)
            {
                Assert.False(output.Delivered.ContainsKey((gap.SourceId, q)), $"{gap} names {gap.SourceId}#{q}, which was delivered");
            }
        }

        Assert.Equal(output.Missing(Sources, 1, 20000), output.Gaps.Sum(g => g.Count));
    }

    [Fact]
    public void Records_lost_at_the_tail_are_reported_from_the_heartbeat()
    {
        var datagrams = DiodeLink.Send(Sources, 1, 3000);
        var lastData = datagrams.FindLastIndex(d => DiodeLink.IsKind(d, DatagramKind.Parity));
        var firstOfLastBlock = datagrams.FindIndex(d => !DiodeLink.IsKind(d, DatagramKind.Heartbeat) && d.AsSpan(16, 8).SequenceEqual(datagrams[lastData].AsSpan(16, 8)));
        var kept = datagrams.Where((_, i) => i < firstOfLastBlock || i > lastData).ToList();
        var (output, _) = DiodeLink.Receive(kept);

        Assert.True(output.Missing(Sources, 1, 3000) > 0);
        Assert.Empty(output.Unaccounted(Sources, 1, 3000));
        Assert.Contains(output.Gaps, g => g.Last == 3000);
    }

    [Fact]
    public void Reordered_and_duplicated_datagrams_deliver_every_record_exactly_once()
    {
        var datagrams = DiodeLink.Send(Sources, 1, 20000);
        var random = new Random(7);
        var shuffled = new List<byte[]>();
        foreach (var chunk in datagrams.Chunk(150))
        {
            var copy = chunk.ToList();
            copy.AddRange(chunk.Where(_ => random.NextDouble() < 0.2));
            shuffled.AddRange(copy.OrderBy(_ => random.Next()));
        }

        var (output, stats) = DiodeLink.Receive(shuffled);

        Assert.True(Sources * 20000 == output.Count, $"{output.Count} delivered, {stats}");
        Assert.Empty(output.Duplicates());
        Assert.Empty(output.Gaps);
        Assert.True(stats.DuplicateDatagrams > 100, $"{stats.DuplicateDatagrams} duplicates");
    }

    [Fact]
    public void Forged_altered_and_wrongly_keyed_datagrams_are_rejected_counted_and_never_delivered()
    {
        var genuine = DiodeLink.Send(1, 1, 200);
        var forged = DiodeLink.Send(1, 1000, 1200, key: TestKeys.B);
        var altered = genuine.Select(d =>
        {
            var copy = d.ToArray();
            copy[^20] ^= 0x40;
            return copy;
        }).ToList();
        var output = new CollectingOutput();
        var time = new FakeTimeProvider();
        using var core = new DiodeReceiverCore(TestKeys.A, output, DiodeLink.Receiver, time: time);

        Assert.All(forged, d => Assert.Equal(DatagramOutcome.Unauthenticated, core.Receive(d)));
        Assert.All(altered, d => Assert.Equal(DatagramOutcome.Unauthenticated, core.Receive(d)));
        core.Flush();
        Assert.Equal(0, output.Count);
        Assert.Empty(output.Gaps);
        Assert.Equal(forged.Count + altered.Count, core.Statistics.Unauthenticated);

        foreach (var d in genuine)
        {
            core.Receive(d);
        }

        core.Flush();
        Assert.Equal(200, output.Count);
        Assert.Equal(1, core.LastRejection is { IsAuthenticationFailure: true } ? 1 : 0);
    }

    [Fact]
    public void A_sender_restart_that_resends_from_its_last_saved_position_leaves_nothing_missing_or_doubled()
    {
        var first = DiodeLink.Send(Sources, 1, 10000);
        var second = DiodeLink.Send(Sources, 4001, 12000);

        // Killed part-way: the first stream's datagrams stop in the middle of a block; its outbox position was 4000.
        var cut = first.Take((first.Count * 2 / 3) + 7).ToList();
        var (output, stats) = DiodeLink.Receive(cut.Concat(second));

        Assert.Equal(1, stats.StreamRestarts);
        Assert.Empty(output.Unaccounted(Sources, 1, 12000));
        Assert.Empty(output.Duplicates());
        Assert.Equal(0, output.Missing(Sources, 1, 12000));
        Assert.True(stats.DuplicateRecords > 0, "the resent records already delivered are dropped as duplicates");
    }

    [Fact]
    public void A_receiver_restarted_with_its_saved_positions_reports_what_it_missed_while_down_and_nothing_else()
    {
        var datagrams = DiodeLink.Send(Sources, 1, 20000);
        var output = new CollectingOutput();
        var time = new FakeTimeProvider();
        Dictionary<string, long> positions;
        var third = datagrams.Count / 3;
        using (var before = new DiodeReceiverCore(TestKeys.A, output, DiodeLink.Receiver, time: time))
        {
            foreach (var d in datagrams.Take(third))
            {
                before.Receive(d);
            }

            before.Flush();
            positions = before.Positions();
        }

        // Down for 200 datagrams; back with the positions its outbox kept.
        var (_, stats) = DiodeLink.Receive(datagrams.Skip(third + 200), DiodeLink.Receiver, output, positions);

        Assert.True(stats.Gaps > 0, "records sent while the receiver was down are reported");
        Assert.Empty(output.Unaccounted(Sources, 1, 20000));
        Assert.Empty(output.Duplicates());
        Assert.Equal(output.Missing(Sources, 1, 20000), output.Gaps.Sum(g => g.Count));
    }

    [Fact]
    public void A_silent_sender_is_reported_after_the_silence_timeout_and_cleared_when_heard_again()
    {
        var datagrams = DiodeLink.Send(1, 1, 10);
        var time = new FakeTimeProvider();
        using var core = new DiodeReceiverCore(TestKeys.A, new CollectingOutput(), DiodeLink.Receiver with { SilenceTimeout = TimeSpan.FromSeconds(3) }, time: time);
        core.Receive(datagrams[0]);

        time.Advance(TimeSpan.FromSeconds(2));
        core.Tick();
        Assert.False(core.Statistics.SenderSilent);
        Assert.Equal(TimeSpan.FromSeconds(2), core.Statistics.HeartbeatAge);

        time.Advance(TimeSpan.FromSeconds(2));
        core.Tick();
        Assert.True(core.Statistics.SenderSilent);

        core.Receive(datagrams[1]);
        Assert.False(core.Statistics.SenderSilent);
    }
}
