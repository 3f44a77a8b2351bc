using System.Diagnostics;
using System.Globalization;
using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Core;
using DataBridge.Integration.Tests.Support;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;
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
        await using var server = await NodeOpcUaServer.StartSubscriptionServerAsync(Items, Rounds, roundIntervalMs: RoundMs, maxItemsPerCall: 1000);
        using var kafka = StartKafka();
        var config = OpcUaBridgeConfig.Write(_dir, server.EndpointUrl, kafka.BootstrapServers, Counters(Items));
        var clock = Stopwatch.StartNew();
        await using var bridge = BridgeProcess.Start("run", config);

        // The counters must be sampled before they move, or their initial value would be legitimately skipped.
        var initial = KafkaReadBack.Consume(kafka.BootstrapServers, Values, r => r.Count >= Items, Wait);
        Assert.True(initial.Count == Items, $"{initial.Count} of {Items} initial values arrived. {await Report(bridge)}");
        output.WriteLine($"{Items} monitored items: every initial value in Kafka {clock.ElapsedMilliseconds} ms after `databridge run` started");

        clock.Restart();
        await server.StartCountersAsync();
        var serverChanges = ParseChanges(await server.WaitForLineAsync("COUNTERS-DONE", Wait));
        var serverDone = clock.Elapsed;
        var expected = Items + serverChanges;
        var consumed = KafkaReadBack.Consume(kafka.BootstrapServers, Values, r => r.Count >= expected, Wait);
        var arrived = clock.Elapsed;
        Assert.True(consumed.Count >= expected, $"{consumed.Count} of {expected} records arrived. {Missing(consumed, Items, Rounds)} {await Report(bridge)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{serverChanges} server changes ({Rounds} rounds × {Items}, {RoundMs} ms apart): server done after {serverDone.TotalSeconds:0.00} s, all in Kafka after {arrived.TotalSeconds:0.00} s " +
            $"(≈{serverChanges / arrived.TotalSeconds:0} values/s end to end, limited by the server's rounds; {(arrived - serverDone).TotalMilliseconds:0} ms after the last round)"));

        var records = await ReadAllAsync(kafka);
        Assert.Equal(Items * Rounds, serverChanges);
        Assert.True(records.Count == expected, $"kcat read {records.Count} records, expected exactly {expected} (initial values + server changes). {Missing(records, Items, Rounds)}");
        AssertCounters(records, Items, Rounds);
        AssertSequencesComplete(records);
        Assert.False(bridge.HasExited, bridge.Output);
    }

    [Fact]
    public async Task BadTooManyPublishRequests_from_the_server_loses_and_repeats_no_value()
    {
        const int Items = 200;
        const int Rounds = 10;
        // node-opcua answers BadTooManyPublishRequests as soon as a session has more than one Publish queued, and the
        // bridge starts with several outstanding.
        await using var server = await NodeOpcUaServer.StartSubscriptionServerAsync(Items, Rounds, roundIntervalMs: 300, maxPublishQueue: 1, tickerIntervalMs: 250);
        using var kafka = StartKafka();
        var tags = Counters(Items).Append(new OpcUaBridgeConfig.Tag("ticker", NodeOpcUaServer.Node(NodeOpcUaServer.SubscriptionNamespace, "Ticker")));
        var config = OpcUaBridgeConfig.Write(_dir, server.EndpointUrl, kafka.BootstrapServers, tags);
        await using var bridge = BridgeProcess.Start("run", config, "--log-level", "Debug");

        var initial = KafkaReadBack.Consume(kafka.BootstrapServers, Values, r => CounterRecords(r) >= Items, Wait);
        Assert.True(CounterRecords(initial) == Items, $"{CounterRecords(initial)} of {Items} initial values arrived. {await Report(bridge)}");
        await server.StartCountersAsync();
        var serverChanges = ParseChanges(await server.WaitForLineAsync("COUNTERS-DONE", Wait));
        var consumed = KafkaReadBack.Consume(kafka.BootstrapServers, Values, r => CounterRecords(r) >= Items + serverChanges, Wait);
        Assert.True(CounterRecords(consumed) >= Items + serverChanges, $"{CounterRecords(consumed)} of {Items + serverChanges} counter records arrived. {Missing(consumed, Items, Rounds)} {await Report(bridge)}");

        var records = await ReadAllAsync(kafka);
        var counters = records.Where(r => !r.TagId.EndsWith("/ticker", StringComparison.Ordinal)).ToList();
        Assert.True(counters.Count == Items + serverChanges, $"kcat read {counters.Count} counter records, expected exactly {Items + serverChanges}. {Missing(counters, Items, Rounds)}");
        AssertCounters(counters, Items, Rounds);

        // The ticker moved all along (+1 every 250 ms): the stream never stalled and skipped or repeated nothing.
        var ticker = records.Where(r => r.TagId.EndsWith("/ticker", StringComparison.Ordinal)).ToList();
        Assert.True(ticker.Count >= 10, $"only {ticker.Count} ticker values. {await Report(bridge)}");
        AssertConsecutive(ticker, "ticker");
        AssertSequencesComplete(records);
        Assert.False(bridge.HasExited, bridge.Output);

        var publishLines = bridge.Output.Split('\n').Where(l => l.Contains("TooManyPublish", StringComparison.OrdinalIgnoreCase)).ToList();
        output.WriteLine($"{records.Count} records ({ticker.Count} ticker values); bridge log lines about BadTooManyPublishRequests: {publishLines.Count}");
        foreach (var l in publishLines.Take(5))
        {
            output.WriteLine("  " + l.TrimEnd());
        }
    }

    [Fact]
    public async Task Server_side_absolute_and_percent_deadbands_give_the_expected_records_and_status_changes_inside_the_band_pass()
    {
        await using var server = await NodeOpcUaServer.StartBridgeServerAsync();
        using var kafka = StartKafka();
        string Node(string id) => NodeOpcUaServer.Node(NodeOpcUaServer.BridgeNamespace, id);
        OpcUaBridgeConfig.Tag[] tags =
        [
            new("abs", Node("Deadband.Abs"), Deadband: "1.0"),
            new("pct", Node("Deadband.Pct"), Deadband: "10%"),
            new("all", Node("Deadband.All")),
        ];
        var config = OpcUaBridgeConfig.Write(_dir, server.EndpointUrl, kafka.BootstrapServers, tags);
        await using var bridge = BridgeProcess.Start("run", config);

        var initial = KafkaReadBack.Consume(kafka.BootstrapServers, Values, r => r.Count >= 3, Wait);
        Assert.True(initial.Count == 3, $"{initial.Count} of 3 initial values arrived. {await Report(bridge)}");
        await server.StartSequenceAsync();
        await server.WaitForLineAsync("SEQUENCE-DONE", Wait);

        // abs: |v - last reported| > 1.0; pct: 10 % of EURange 0..50 = 5 units on values × 5 (an absolute 10 would
        // drop step 3); the Uncertain step 10 and the Good step 12 are inside the band but change the status.
        int[] passing = [0, 3, 6, 7, 10, 12, 14];
        var consumed = KafkaReadBack.Consume(kafka.BootstrapServers, Values, r => Count(r, "all") >= DeadbandSteps.Length && Count(r, "abs") >= passing.Length && Count(r, "pct") >= passing.Length, TimeSpan.FromSeconds(30));
        var records = await ReadAllAsync(kafka);
        var summary = string.Join("\n", new[] { "abs", "pct", "all" }.Select(t => $"{t}: {Describe(records, t)}"));
        output.WriteLine(summary);
        Assert.True(Count(consumed, "all") == DeadbandSteps.Length, $"the tag without deadband saw {Count(consumed, "all")} of {DeadbandSteps.Length} steps.\n{summary}\n{await Report(bridge)}");

        AssertSteps(records, "all", Enumerable.Range(0, DeadbandSteps.Length).ToArray(), 1.0, summary);
        AssertSteps(records, "abs", passing, 1.0, summary);
        AssertSteps(records, "pct", passing, 5.0, summary);
        AssertSequencesComplete(records);
        Assert.False(bridge.HasExited, bridge.Output);
    }

    [Theory]
    [InlineData("nsu=urn:databridge:test:subs;s=Does.Not.Exist")]
    [InlineData("nsu=urn:databridge:test:nowhere;s=Counter.1")]
    public async Task A_tag_whose_node_does_not_exist_is_reported_and_the_other_tags_flow(string ghostNode)
    {
        const int Items = 20;
        const int Rounds = 5;
        await using var server = await NodeOpcUaServer.StartSubscriptionServerAsync(Items, Rounds, roundIntervalMs: 300);
        using var kafka = StartKafka();
        var config = OpcUaBridgeConfig.Write(_dir, server.EndpointUrl, kafka.BootstrapServers, Counters(Items).Append(new OpcUaBridgeConfig.Tag("ghost", ghostNode)));
        await using var bridge = BridgeProcess.Start("run", config);

        var initial = KafkaReadBack.Consume(kafka.BootstrapServers, Values, r => CounterRecords(r) >= Items, Wait);
        Assert.True(CounterRecords(initial) == Items, $"{CounterRecords(initial)} of {Items} initial values arrived. {await Report(bridge)}");
        await server.StartCountersAsync();
        var serverChanges = ParseChanges(await server.WaitForLineAsync("COUNTERS-DONE", Wait));
        var consumed = KafkaReadBack.Consume(kafka.BootstrapServers, Values, r => CounterRecords(r) >= Items + serverChanges, Wait);
        Assert.True(CounterRecords(consumed) >= Items + serverChanges, $"{CounterRecords(consumed)} of {Items + serverChanges} counter records arrived. {await Report(bridge)}");

        var records = await ReadAllAsync(kafka);
        var ghost = records.Where(r => r.TagId == OpcUaBridgeConfig.TagId("ghost")).ToList();
        AssertCounters(records.Except(ghost).ToList(), Items, Rounds);
        AssertSequencesComplete(records);
        Assert.False(bridge.HasExited, bridge.Output);

        // The operator learns which tag and which node: the log names both (the configuration position where known).
        var lines = bridge.Output.Split('\n').Where(l => l.Contains("ghost", StringComparison.Ordinal)).ToList();
        output.WriteLine($"bridge log lines naming the tag ({lines.Count}):");
        foreach (var l in lines.Take(5))
        {
            output.WriteLine("  " + l.TrimEnd());
        }

        output.WriteLine($"records for the missing tag: {Describe(records, "ghost")}");
        Assert.True(lines.Count > 0 && lines.Any(l => l.Contains(ghostNode, StringComparison.Ordinal)), $"no log line names tag 'ghost' and node '{ghostNode}'. Bridge output:\n{Tail(bridge.Output)}");
        Assert.All(ghost, r => Assert.True(r.Quality.IsBad, $"a record of the missing tag must be Bad, got {r.Quality.Name}"));
    }

    // The steps of tests/peers/opcua/bridge-server.js: value of Abs/All (Pct is × 5), status; source time = base + i s.
    private static readonly (double Value, uint Status)[] DeadbandSteps =
    [
        (0, StatusCodes.Good), (0.5, StatusCodes.Good), (0.9, StatusCodes.Good), (1.5, StatusCodes.Good), (2.0, StatusCodes.Good),
        (2.4, StatusCodes.Good), (2.6, StatusCodes.Good), (5.0, StatusCodes.Good), (5.5, StatusCodes.Good), (4.2, StatusCodes.Good),
        (4.5, StatusCodes.UncertainLastUsableValue), (4.6, StatusCodes.UncertainLastUsableValue), (4.7, StatusCodes.Good),
        (4.9, StatusCodes.Good), (6.0, StatusCodes.Good),
    ];

    private static readonly DateTime StepBase = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static void AssertSteps(List<TagValueRecord> records, string tag, int[] steps, double factor, string summary)
    {
        var got = records.Where(r => r.TagId == OpcUaBridgeConfig.TagId(tag)).ToList();
        var expected = steps.Select(i => (DeadbandSteps[i].Value * factor, DeadbandSteps[i].Status, StepBase.AddSeconds(i))).ToList();
        var actual = got.Select(r => (r.Value.AsDouble(), r.Quality.Code, r.SourceTimestamp)).ToList();
        Assert.True(expected.SequenceEqual(actual), $"{tag}: expected steps {string.Join(',', steps)}.\n{summary}");
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
            yield return new OpcUaBridgeConfig.Tag(CounterName(i), NodeOpcUaServer.Node(NodeOpcUaServer.SubscriptionNamespace, string.Create(CultureInfo.InvariantCulture, $"Counter.{i}")));
        }
    }

    private static string CounterName(int i) => string.Create(CultureInfo.InvariantCulture, $"item{i:D5}");

    private static bool IsCounter(TagValueRecord r) => r.TagId.StartsWith(OpcUaBridgeConfig.Asset + "/item", StringComparison.Ordinal);

    private static int CounterRecords(List<TagValueRecord> records)
    {
        var n = 0;
        foreach (var r in records)
        {
            n += IsCounter(r) ? 1 : 0;
        }

        return n;
    }

    private static int Count(List<TagValueRecord> records, string tag)
    {
        var id = OpcUaBridgeConfig.TagId(tag);
        return records.Count(r => r.TagId == id);
    }

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
            });
            AssertConsecutiveSequences(list, id);
        }
    }

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
        string.Join(" ", records.Where(r => r.TagId == OpcUaBridgeConfig.TagId(tag)).Select(r => string.Create(CultureInfo.InvariantCulture, $"{(r.Value.IsNull ? "null" : r.Value.AsDouble().ToString(CultureInfo.InvariantCulture))}/{r.Quality.Name}@{r.SourceTimestamp:HH:mm:ss}#{r.Sequence}")));

    private static async Task<List<TagValueRecord>> ReadAllAsync(KafkaMockCluster kafka) =>
        (await KafkaReadBack.KcatAsync(kafka.BootstrapServers, Values, Wait)).Select(b => TagValueSerializer.Read(b)).ToList();

    private async Task<string> Report(ChildProcess bridge)
    {
        var (_, outbox) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(30), "outbox", "inspect", Path.Combine(_dir, "state", "outbox"));
        return $"Bridge {(bridge.HasExited ? "exited" : "running")}; output (tail):\n{Tail(bridge.Output)}\nOutbox:\n{outbox}";
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}
