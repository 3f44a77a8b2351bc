using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Integration.Tests.Support;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;
using DataBridge.Testing.Modbus;
using DataBridge.Testing.Support;
using Xunit.Abstractions;

namespace DataBridge.Integration.Tests;

/// <summary>
/// The outbox's promise with real processes: the bridge is killed with SIGKILL at random moments, restarted, and in
/// the end Kafka holds every sequence number of the source, or a gap record that names it. Nothing silently missing,
/// and no gap record for a number that was never given to a value.
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed class OutboxCrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static KafkaMockCluster StartKafka()
    {
        var cluster = KafkaMockCluster.Start(3);
        foreach (var t in new[] { "databridge.values", "databridge.metadata", "databridge.gaps", "databridge.events" })
        {
            cluster.CreateTopic(t, KafkaMockCluster.DefaultPartitions);
        }

        return cluster;
    }

    [Fact]
    public async Task Killed_twenty_times_the_bridge_loses_no_sequence_number_silently_and_reports_no_gap_for_numbers_never_used()
    {
        await using var peer = await PymodbusServer.StartAsync(counter: true);
        using var kafka = StartKafka();
        // Register values never change here, so a 100 ms heartbeat makes every tag report ~10 times a second; the
        // peer's counter changes every 5 ms, so its tag reports at every 50 ms poll.
        var counter = new PymodbusPoint("ir", PymodbusServer.CounterAddress, "uint32", "ABCD", 0, 0, default);
        var points = peer.Points.Where(p => p.Table == "hr").Take(24).Append(counter).ToList();
        var config = ModbusPeerConfig.Write(_dir, peer.Port, kafka.BootstrapServers, points, pollInterval: "50ms", heartbeat: "100ms");
        var random = new Random(20261124);
        var killedWhileRunning = 0;

        for (var round = 0; round < 20; round++)
        {
            await using var bridge = BridgeProcess.Start("run", config, "--log-level", "Warning");
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 2500)));
            killedWhileRunning += bridge.HasExited ? 0 : 1;
            Assert.False(bridge.HasExited, $"round {round}: the bridge exited by itself:\n{bridge.Output}");
            bridge.Kill();
            await bridge.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        // A last run, stopped cleanly, lets the forwarder carry what every killed run left on disk.
        await using (var last = BridgeProcess.Start("run", config, "--log-level", "Warning"))
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            last.Interrupt();
            Assert.Equal(0, await last.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        var values = (await KafkaReadBack.KcatAsync(kafka.BootstrapServers, "databridge.values", TimeSpan.FromSeconds(60))).Select(b => TagValueSerializer.Read(b)).ToList();
        var gaps = (await KafkaReadBack.KcatAsync(kafka.BootstrapServers, "databridge.gaps", TimeSpan.FromSeconds(30))).Select(b => GapSerializer.Read(b)).ToList();
        Assert.Equal(20, killedWhileRunning);
        Assert.True(values.Count > 200, $"only {values.Count} values were produced");
        Assert.All(gaps, g => Assert.Equal("peer", g.SourceId));

        var max = values.Max(v => v.Sequence);
        var seen = values.Select(v => v.Sequence).ToHashSet();
        var missing = new List<long>();
        for (var s = 1L; s <= max; s++)
        {
            if (!seen.Contains(s) && !gaps.Any(g => g.FirstSequence <= s && s <= g.LastSequence))
            {
                missing.Add(s);
            }
        }

        var byReason = gaps.GroupBy(g => g.Reason).ToDictionary(g => g.Key, g => g.Sum(x => x.LastSequence - x.FirstSequence + 1));
        var figures = $"sequence 1..{max}: {seen.Count} numbers delivered as values ({values.Count} records with at-least-once duplicates), "
                      + $"{byReason.Values.Sum()} numbers in {gaps.Count} gap records"
                      + string.Concat(byReason.Select(r => $", {r.Key}: {r.Value}"));
        output.WriteLine(figures);
        Assert.True(missing.Count == 0, $"{missing.Count} sequence numbers are neither in a value record nor in a gap record, e.g. {string.Join(", ", missing.Take(10))}; {figures}: {string.Join("; ", gaps.Select(g => $"{g.FirstSequence}..{g.LastSequence} {g.Reason}"))}");

        // Gap records name only numbers that never reached Kafka as values: the outbox makes that exact.
        var covered = gaps.SelectMany(g => LongRange(g.FirstSequence, g.LastSequence)).Where(seen.Contains).Take(10).ToList();
        Assert.True(covered.Count == 0, "gap records name numbers that were delivered: " + string.Join(", ", covered));

        // No value was lost (Kafka stayed up, the outbox survived every kill): a gap record would be a false alarm.
        // Numbers the killed runs reserved but never gave to a value that reached the outbox are not losses (#19).
        Assert.True(byReason.GetValueOrDefault(GapReason.RestartUnusedSequence) == 0, "restart gap records for numbers that were never given to a delivered value: " + figures);
        Assert.True(gaps.Count == 0, "gap records although nothing was lost: " + figures);

        // Never reused: every delivery of a number is the same record (at-least-once duplicates are identical), and
        // in sequence order the fast-changing counter never goes back.
        foreach (var same in values.GroupBy(v => v.Sequence).Where(g => g.Count() > 1))
        {
            var first = same.First();
            Assert.All(same, v => Assert.True(v.TagId == first.TagId && v.Value.Equals(first.Value) && v.BridgeTimestamp == first.BridgeTimestamp, $"sequence {same.Key} was given to two different values: {first.TagId}={first.Value} and {v.TagId}={v.Value}"));
        }

        var counterTag = ModbusPeerConfig.TagId(counter);
        var counts = values.Where(v => v.TagId == counterTag).DistinctBy(v => v.Sequence).OrderBy(v => v.Sequence).Select(v => v.Value.AsInt64()).ToList();
        Assert.True(counts.Count > 100, $"the counter tag reported only {counts.Count} values");
        Assert.True(counts.Zip(counts.Skip(1)).All(p => p.First <= p.Second), "in sequence order the counter went backwards: a number was reused for an older value");
    }

    [Fact]
    public async Task With_kafka_down_values_accumulate_in_the_outbox_and_are_all_delivered_in_order_when_it_returns()
    {
        await using var peer = await PymodbusServer.StartAsync();
        using var kafka = StartKafka();
        var points = peer.Points.Where(p => p.Table == "ir").ToList();
        var config = ModbusPeerConfig.Write(_dir, peer.Port, kafka.BootstrapServers, points, pollInterval: "50ms", heartbeat: "100ms");
        await using var bridge = BridgeProcess.Start("run", config, "--log-level", "Warning");
        var before = KafkaReadBack.Consume(kafka.BootstrapServers, "databridge.values", r => r.Count >= 10, TimeSpan.FromSeconds(40));
        Assert.True(before.Count >= 10, bridge.Output);

        for (var b = 1; b <= 3; b++)
        {
            kafka.SetBrokerDown(b);
        }

        var outboxDir = Path.Combine(_dir, "state", "outbox");
        var sizeAtDown = DirectorySize(outboxDir);
        await Eventually.WaitUntilAsync(() => DirectorySize(outboxDir) > sizeAtDown + 2_000, TimeSpan.FromSeconds(30), "values to accumulate in the outbox while Kafka is down");
        await Task.Delay(TimeSpan.FromSeconds(2));
        for (var b = 1; b <= 3; b++)
        {
            kafka.SetBrokerUp(b);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        bridge.Interrupt();
        Assert.Equal(0, await bridge.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var values = (await KafkaReadBack.KcatAsync(kafka.BootstrapServers, "databridge.values", TimeSpan.FromSeconds(60))).Select(b => TagValueSerializer.Read(b)).ToList();
        var sequences = values.Select(v => v.Sequence).Distinct().Order().ToArray();
        Assert.Equal(LongRange(1, sequences[^1]), sequences);

        // In order per key (tag): Kafka keeps a partition's order and every tag is one key.
        foreach (var tag in values.GroupBy(v => v.TagId))
        {
            var seq = tag.Select(v => v.Sequence).ToArray();
            Assert.True(seq.Zip(seq.Skip(1)).All(p => p.First < p.Second), $"{tag.Key}: out of order {string.Join(",", seq)}");
        }
    }

    private static IEnumerable<long> LongRange(long first, long last)
    {
        for (var s = first; s <= last; s++)
        {
            yield return s;
        }
    }

    private static long DirectorySize(string dir) => Directory.Exists(dir) ? new DirectoryInfo(dir).EnumerateFiles("*.log").Sum(f => f.Length) : 0;
}
