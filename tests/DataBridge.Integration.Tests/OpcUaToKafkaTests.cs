using System.Diagnostics;
using System.Globalization;
using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Core;
using DataBridge.Integration.Tests.Support;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;
using Xunit.Abstractions;

namespace DataBridge.Integration.Tests;

/// <summary>
/// OPC UA subscriptions end to end with real peers only: node-opcua changes values on a schedule it counts, the real
/// `databridge run` process subscribes and produces to librdkafka's mock cluster over TCP, and the test reads the Avro
/// records back (Confluent.Kafka to wait, kcat for the complete picture it asserts on).
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed class OpcUaToKafkaTests(ITestOutputHelper output) : IDisposable
{
    private const string Values = "databridge.values";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-it-opc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Every_change_of_5000_items_sampled_at_100ms_reaches_kafka_exactly_once_and_in_order()
    {
        const int Items = 5000;
        const int Rounds = 10;
        const int RoundMs = 500;
        const int MaxPerCall = 700; // 5000 is no multiple of it: the last CreateMonitoredItems batch is a partial one
        await using var server = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = Items, Rounds = Rounds, RoundIntervalMs = RoundMs, MaxItemsPerCall = MaxPerCall });
        using var kafka = StartKafka();
        var config = OpcUaBridgeConfig.Write(_dir, server.EndpointUrl, kafka.BootstrapServers, Counters(Items));
        var clock = Stopwatch.StartNew();
        using var values = new KafkaValueCollector(kafka.BootstrapServers, Values, clock);
        var started = clock.Elapsed;
        await using var bridge = BridgeProcess.Start("run", config);

        // The counters must be sampled before they move, or their initial value would be legitimately skipped.
        await Eventually.WaitUntilAsync(() => bridge.Output.Contains($"monitors {Items} items", StringComparison.Ordinal) || bridge.HasExited, Wait, "the subscription log line");
        var subscribed = clock.Elapsed;
        Assert.True(await values.WaitForAsync(IsCounter, Items, Wait), $"{values.Count} of {Items} initial values arrived. {await Report(bridge)}");
        var initialAt = values.LastArrival;

        using var bridgeProcess = Process.GetProcessById(bridge.Id);
        var cpuBefore = bridgeProcess.TotalProcessorTime;
        var roundsStarted = clock.Elapsed;
        await server.StartCountersAsync();
        var serverChanges = ParseChanges(await server.WaitForLineAsync("COUNTERS-DONE", Wait));
        var serverDone = clock.Elapsed;
        var expected = Items + serverChanges;
        Assert.True(await values.WaitForAsync(IsCounter, expected, Wait), $"{values.Count} of {expected} records arrived. {Missing(values.Snapshot(), Items, Rounds)} {await Report(bridge)}");
        var lastAt = values.LastArrival;
        bridgeProcess.Refresh();
        var cpu = bridgeProcess.TotalProcessorTime - cpuBefore;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Items} monitored items, sampling 100 ms, publishing 100 ms:"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  subscription created {(subscribed - started).TotalSeconds:0.00} s after `databridge run` started (process start, config, connect, {(Items + MaxPerCall - 1) / MaxPerCall} CreateMonitoredItems calls of at most {MaxPerCall})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  all {Items} initial values in Kafka after {(initialAt - started).TotalSeconds:0.00} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {serverChanges} server changes ({Rounds} rounds × {Items}, {RoundMs} ms apart): server done after {(serverDone - roundsStarted).TotalSeconds:0.00} s, last record in Kafka after {(lastAt - roundsStarted).TotalSeconds:0.00} s, {(lastAt - serverDone).TotalMilliseconds:0} ms after the server's last round"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  end to end ≈{serverChanges / (lastAt - roundsStarted).TotalSeconds:0} values/s (paced by the server's rounds); bridge CPU {cpu.TotalMilliseconds:0} ms = {cpu.TotalMilliseconds * 1000 / serverChanges:0.00} ms per 1,000 notifications (subscription + pipeline + outbox + Kafka produce)"));

        var records = await ReadAllAsync(kafka);
        Assert.Equal(Items * Rounds, serverChanges);
        Assert.True(records.Count == expected, $"kcat read {records.Count} records, expected exactly {expected} (initial values + server changes). {Missing(records, Items, Rounds)}");
        AssertCounters(records, Items, Rounds);
        AssertSequencesComplete(records);
        Assert.False(bridge.HasExited, bridge.Output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task BadTooManyPublishRequests_from_the_server_loses_and_repeats_no_value(int maxPublishQueue)
    {
        const int Items = 200;
        const int Rounds = 10;
        // node-opcua answers BadTooManyPublishRequests as soon as a session has more than maxPublishQueue Publish
        // requests queued, and the bridge starts with three outstanding.
        await using var server = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = Items, Rounds = Rounds, RoundIntervalMs = 300, MaxPublishQueue = maxPublishQueue, TickerIntervalMs = 250 });
        using var kafka = StartKafka();
        var tags = Counters(Items).Append(new OpcUaBridgeConfig.Tag("ticker", OpcUaBridgeConfig.Node(SubscriptionPeer.Namespace, "Ticker")));
        var config = OpcUaBridgeConfig.Write(_dir, server.EndpointUrl, kafka.BootstrapServers, tags);
        using var values = new KafkaValueCollector(kafka.BootstrapServers, Values, Stopwatch.StartNew());
        await using var bridge = BridgeProcess.Start("run", config, "--log-level", "Debug");

        Assert.True(await values.WaitForAsync(IsCounter, Items, Wait), $"{values.CountWhere(IsCounter)} of {Items} initial values arrived. {await Report(bridge)}");
        await server.StartCountersAsync();
        var serverChanges = ParseChanges(await server.WaitForLineAsync("COUNTERS-DONE", Wait));
        Assert.True(await values.WaitForAsync(IsCounter, Items + serverChanges, Wait), $"{values.CountWhere(IsCounter)} of {Items + serverChanges} counter records arrived. {Missing(values.Snapshot(), Items, Rounds)} {await Report(bridge)}");

        var records = await ReadAllAsync(kafka);
        var counters = records.Where(IsCounter).ToList();
        Assert.True(counters.Count == Items + serverChanges, $"kcat read {counters.Count} counter records, expected exactly {Items + serverChanges}. {Missing(counters, Items, Rounds)}");
        AssertCounters(counters, Items, Rounds);

        // The ticker moved all along (+1 every 250 ms): the stream never stalled and skipped or repeated nothing.
        var ticker = records.Where(r => r.TagId == OpcUaBridgeConfig.TagId("ticker")).ToList();
        Assert.True(ticker.Count >= 10, $"only {ticker.Count} ticker values. {await Report(bridge)}");
        AssertConsecutive(ticker, "ticker");
        AssertSequencesComplete(records);
        Assert.False(bridge.HasExited, bridge.Output);

        var publishLines = bridge.Output.Split('\n').Where(l => l.Contains("TooManyPublish", StringComparison.OrdinalIgnoreCase)).ToList();
        output.WriteLine($"{records.Count} records ({ticker.Count} ticker values); bridge log lines about BadTooManyPublishRequests: {publishLines.Count}");
        foreach (var l in publishLines.Take(3))
        {
            output.WriteLine("  " + (l.Length > 300 ? l[..300] + "…" : l.TrimEnd()));
        }
    }

    [Fact]
    public async Task Server_side_absolute_and_percent_deadbands_give_the_expected_records_and_status_changes_inside_the_band_pass()
    {
        await using var server = await BridgeServerPeer.StartAsync();
        using var kafka = StartKafka();
        static string Node(string id) => OpcUaBridgeConfig.Node(BridgeServerPeer.Namespace, id);
        OpcUaBridgeConfig.Tag[] tags =
        [
            new("abs", Node("Deadband.Abs"), Deadband: "1.0"),
            new("pct", Node("Deadband.Pct"), Deadband: "10%"),
            new("all", Node("Deadband.All")),
        ];
        var config = OpcUaBridgeConfig.Write(_dir, server.EndpointUrl, kafka.BootstrapServers, tags);
        using var values = new KafkaValueCollector(kafka.BootstrapServers, Values, Stopwatch.StartNew());
        await using var bridge = BridgeProcess.Start("run", config);

        Assert.True(await values.WaitForAsync(_ => true, 3, Wait), $"{values.Count} of 3 initial values arrived. {await Report(bridge)}");
        await server.StartSequenceAsync();
        await server.WaitForLineAsync("SEQUENCE-DONE", Wait);

        // abs: |v - last reported| > 1.0; pct: 10 % of EURange 0..50 = 5 units on values × 5 (an absolute 10 would
        // drop step 3); the Uncertain step 10, the Good step 12, the Bad step 15 (no value) and step 16 (Good again,
        // the value of step 14) are inside the band but change the status.
        int[] passing = [0, 3, 6, 7, 10, 12, 14, 15, 16];
        var all = OpcUaBridgeConfig.TagId("all");
        var arrived = await values.WaitForAsync(r => r.TagId == all, DeadbandSteps.Length, TimeSpan.FromSeconds(30))
            && await values.WaitForAsync(_ => true, DeadbandSteps.Length + (2 * passing.Length), TimeSpan.FromSeconds(10));
        var records = await ReadAllAsync(kafka);
        var summary = string.Join("\n", new[] { "abs", "pct", "all" }.Select(t => $"{t}: {Describe(records, t)}"));
        output.WriteLine(summary);
        Assert.True(arrived, $"not every expected record arrived.\n{summary}\n{await Report(bridge)}");

        AssertSteps(records, "all", [.. Enumerable.Range(0, DeadbandSteps.Length)], 1.0, summary);
        AssertSteps(records, "abs", passing, 1.0, summary);
        AssertSteps(records, "pct", passing, 5.0, summary);
        AssertSequencesComplete(records);
        Assert.False(bridge.HasExited, bridge.Output);
    }

    [Theory]
    [InlineData("nsu=urn:databridge:test:subs;s=Does.Not.Exist", null, "BadNodeIdUnknown")]
    [InlineData("nsu=urn:databridge:test:nowhere;s=Counter.1", null, "no namespace 'urn:databridge:test:nowhere'")]
    // A percent deadband needs an EURange (Part 8 AnalogItem); Deadband.Abs of the subscription peer has none.
    [InlineData("nsu=urn:databridge:test:subs;s=Deadband.Abs", "10%", "BadMonitoredItemFilterUnsupported")]
    public async Task A_tag_the_server_cannot_monitor_is_reported_with_its_position_and_the_other_tags_flow(string ghostNode, string? deadband, string reason)
    {
        const int Items = 20;
        const int Rounds = 5;
        await using var server = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = Items, Rounds = Rounds, RoundIntervalMs = 300 });
        using var kafka = StartKafka();
        var config = OpcUaBridgeConfig.Write(_dir, server.EndpointUrl, kafka.BootstrapServers, Counters(Items).Append(new OpcUaBridgeConfig.Tag("ghost", ghostNode, Deadband: deadband)));
        var ghostLine = Array.FindIndex(File.ReadAllLines(config), l => l.Contains("name: ghost,", StringComparison.Ordinal)) + 1;
        using var values = new KafkaValueCollector(kafka.BootstrapServers, Values, Stopwatch.StartNew());
        await using var bridge = BridgeProcess.Start("run", config);

        Assert.True(await values.WaitForAsync(IsCounter, Items, Wait), $"{values.CountWhere(IsCounter)} of {Items} initial values arrived. {await Report(bridge)}");
        await server.StartCountersAsync();
        var serverChanges = ParseChanges(await server.WaitForLineAsync("COUNTERS-DONE", Wait));
        Assert.True(await values.WaitForAsync(IsCounter, Items + serverChanges, Wait), $"{values.CountWhere(IsCounter)} of {Items + serverChanges} counter records arrived. {await Report(bridge)}");

        var records = await ReadAllAsync(kafka);
        var ghost = records.Where(r => r.TagId == OpcUaBridgeConfig.TagId("ghost")).ToList();
        AssertCounters([.. records.Where(IsCounter)], Items, Rounds);
        AssertSequencesComplete(records);
        Assert.False(bridge.HasExited, bridge.Output);

        // The operator learns which tag, where it is configured and why (the server's status, or the missing
        // namespace): one warning naming all three.
        var lines = bridge.Output.Split('\n').Where(l => l.Contains("'ghost'", StringComparison.Ordinal)).ToList();
        output.WriteLine($"bridge log lines naming the tag ({lines.Count}):");
        foreach (var l in lines.Take(5))
        {
            output.WriteLine("  " + l.TrimEnd());
        }

        output.WriteLine($"records for the missing tag: [{Describe(records, "ghost")}]");
        var position = string.Create(CultureInfo.InvariantCulture, $"{config}:{ghostLine}:");
        Assert.True(
            lines.Any(l => l.Contains(position, StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal)),
            $"no log line names tag 'ghost' with its position {position} and the reason ({reason}). Bridge output:\n{Tail(bridge.Output)}");
        // Like a Modbus tag at an illegal address, the dead tag says so once in Kafka, with the reason as its quality.
        var dead = Assert.Single(ghost);
        Assert.True(dead.Quality.IsBad, $"the missing tag's record must be Bad, got {dead.Quality.Name}");
    }

    // The steps of tests/peers/opcua/bridge-server.js: value of Abs/All (Pct is × 5), status; source time = base + i s,
    // server time 500 ms later.
    private static readonly (double? Value, uint Status)[] DeadbandSteps =
    [
        (0, StatusCodes.Good), (0.5, StatusCodes.Good), (0.9, StatusCodes.Good), (1.5, StatusCodes.Good), (2.0, StatusCodes.Good),
        (2.4, StatusCodes.Good), (2.6, StatusCodes.Good), (5.0, StatusCodes.Good), (5.5, StatusCodes.Good), (4.2, StatusCodes.Good),
        (4.5, StatusCodes.UncertainLastUsableValue), (4.6, StatusCodes.UncertainLastUsableValue), (4.7, StatusCodes.Good),
        (4.9, StatusCodes.Good), (6.0, StatusCodes.Good), (null, StatusCodes.BadSensorFailure), (6.0, StatusCodes.Good),
    ];

    private static readonly DateTime StepBase = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static void AssertSteps(List<TagValueRecord> records, string tag, int[] steps, double factor, string summary)
    {
        var got = records.Where(r => r.TagId == OpcUaBridgeConfig.TagId(tag)).ToList();
        var expected = steps.Select(i => (DeadbandSteps[i].Value * factor, DeadbandSteps[i].Status, StepBase.AddSeconds(i), StepBase.AddSeconds(i).AddMilliseconds(500))).ToList();
        var actual = got.Select(r => (r.Value.IsNull ? (double?)null : r.Value.AsDouble(), r.Quality.Code, r.SourceTimestamp, r.ServerTimestamp)).ToList();
        Assert.True(expected.SequenceEqual(actual), $"{tag}: expected steps {string.Join(',', steps)} with their source and server timestamps.\n{summary}");
        AssertConsecutiveSequences(got, tag);
    }

    private static KafkaMockCluster StartKafka()
    {
        var cluster = KafkaMockCluster.Start(3);
        foreach (var t in new[] { Values, "databridge.metadata", "databridge.gaps", "databridge.events" })
        {
            cluster.CreateTopic(t, KafkaMockCluster.DefaultPartitions);
        }

        return cluster;
    }

    private static IEnumerable<OpcUaBridgeConfig.Tag> Counters(int items)
    {
        for (var i = 0; i < items; i++)
        {
            yield return new OpcUaBridgeConfig.Tag(CounterName(i), OpcUaBridgeConfig.Node(SubscriptionPeer.Namespace, string.Create(CultureInfo.InvariantCulture, $"Counter.{i}")));
        }
    }

    private static string CounterName(int i) => string.Create(CultureInfo.InvariantCulture, $"item{i:D5}");

    private static bool IsCounter(TagValueRecord r) => r.TagId.StartsWith(OpcUaBridgeConfig.Asset + "/item", StringComparison.Ordinal);

    private static int ParseChanges(string doneLine) => int.Parse(doneLine.Split("changes=")[1].Trim(), CultureInfo.InvariantCulture);

    /// <summary>Every counter tag: values 0..rounds, each once, in the order the server set them, Good, from the source.</summary>
    private static void AssertCounters(List<TagValueRecord> records, int items, int rounds)
    {
        var byTag = records.GroupBy(r => r.TagId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.True(byTag.Count == items, $"{byTag.Count} counter tags in Kafka, expected {items}");
        var expected = Enumerable.Range(0, rounds + 1).Select(v => (long)v).ToArray();
        for (var i = 0; i < items; i++)
        {
            var id = OpcUaBridgeConfig.TagId(CounterName(i));
            Assert.True(byTag.TryGetValue(id, out var list), $"no record for {id}");
            var values = list.Select(r => r.Value.AsInt64()).ToArray();
            Assert.True(expected.SequenceEqual(values), $"{id} saw {string.Join(',', values)}; expected {string.Join(',', expected)}");
            Assert.All(list, r =>
            {
                Assert.True(r.Quality.IsGood, $"{id}: {r.Quality.Name}");
                Assert.Equal(OpcUaBridgeConfig.SourceId, r.SourceId);
                Assert.Equal(OpcUaBridgeConfig.Asset, r.AssetPath);
                Assert.True(r.SourceTimestamp > DateTime.UnixEpoch, $"{id}: no source timestamp");
                AssertRecentServerTimestamp(r, id);
            });
            AssertConsecutiveSequences(list, id);
        }
    }

    /// <summary>The server stamps each sample when it takes it: within this test's lifetime, whatever the source time.</summary>
    private static void AssertRecentServerTimestamp(TagValueRecord r, string what) =>
        Assert.True(r.ServerTimestamp > DateTime.UtcNow.AddMinutes(-5) && r.ServerTimestamp <= DateTime.UtcNow.AddMinutes(1), $"{what}: server timestamp {r.ServerTimestamp:O} is not the server's sampling time");

    private static void AssertConsecutive(List<TagValueRecord> records, string what)
    {
        for (var i = 1; i < records.Count; i++)
        {
            Assert.True(records[i].Value.AsInt64() == records[i - 1].Value.AsInt64() + 1, $"{what} not consecutive at {i}: {string.Join(',', records.Select(r => r.Value.AsInt64()))}");
        }

        AssertConsecutiveSequences(records, what);
    }

    /// <summary>A tag's records sit in one partition, so their per-source sequence numbers must rise in Kafka order.</summary>
    private static void AssertConsecutiveSequences(List<TagValueRecord> records, string what)
    {
        for (var i = 1; i < records.Count; i++)
        {
            Assert.True(records[i].Sequence > records[i - 1].Sequence, $"{what}: sequence {records[i].Sequence} after {records[i - 1].Sequence}");
        }
    }

    /// <summary>The source's sequence numbers are 1..N, each exactly once: no hole, no duplicate (source, sequence).</summary>
    private static void AssertSequencesComplete(List<TagValueRecord> records)
    {
        Assert.All(records, r => Assert.Equal(OpcUaBridgeConfig.SourceId, r.SourceId));
        var sequences = records.Select(r => r.Sequence).Order().ToArray();
        for (var i = 0; i < sequences.Length; i++)
        {
            Assert.True(sequences[i] == i + 1, $"sequence numbers of {OpcUaBridgeConfig.SourceId} are not 1..{sequences.Length}: at position {i} found {sequences[i]} (duplicate or hole)");
        }
    }

    /// <summary>Which counter tags are short of values (for failure messages).</summary>
    private static string Missing(List<TagValueRecord> records, int items, int rounds)
    {
        var counts = new Dictionary<string, int>();
        foreach (var r in records)
        {
            counts[r.TagId] = counts.GetValueOrDefault(r.TagId) + 1;
        }

        var shortTags = Enumerable.Range(0, items).Select(i => OpcUaBridgeConfig.TagId(CounterName(i))).Where(id => counts.GetValueOrDefault(id) != rounds + 1).ToList();
        return shortTags.Count == 0
            ? "Every counter tag has its count."
            : $"{shortTags.Count} counter tags without exactly {rounds + 1} records, e.g. " + string.Join("; ", shortTags.Take(3).Select(id => $"{id}: {string.Join(',', records.Where(r => r.TagId == id).Select(r => r.Value.AsInt64()))}")) + ".";
    }

    private static string Describe(List<TagValueRecord> records, string tag) =>
        string.Join(" ", records.Where(r => r.TagId == OpcUaBridgeConfig.TagId(tag)).Select(r => string.Create(CultureInfo.InvariantCulture, $"{(r.Value.IsNull ? "null" : r.Value.AsDouble().ToString(CultureInfo.InvariantCulture))}/{r.Quality.Name}@{r.SourceTimestamp:HH:mm:ss.f}/{r.ServerTimestamp:ss.f}#{r.Sequence}")));

    private static async Task<List<TagValueRecord>> ReadAllAsync(KafkaMockCluster kafka) =>
        (await KafkaReadBack.KcatAsync(kafka.BootstrapServers, Values, Wait)).Select(b => TagValueSerializer.Read(b)).ToList();

    private async Task<string> Report(ChildProcess bridge)
    {
        var (_, outbox) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(30), "outbox", "inspect", Path.Combine(_dir, "state", "outbox"));
        return $"Bridge {(bridge.HasExited ? "exited" : "running")}; output (tail):\n{Tail(bridge.Output)}\nOutbox:\n{outbox}";
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}
