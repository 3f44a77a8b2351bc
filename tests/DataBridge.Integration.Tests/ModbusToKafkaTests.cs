using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Core;
using DataBridge.Integration.Tests.Support;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;
using DataBridge.Testing.Modbus;
using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests;

/// <summary>
/// The walking skeleton end to end, with real peers only: pymodbus serves every data type and byte order, the real
/// `databridge run` process polls it and produces to librdkafka's mock cluster over TCP, and two independent
/// clients (Confluent.Kafka and kcat) read the Avro records back.
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed class ModbusToKafkaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-it-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>What the outbox holds (for failure messages: did the values reach the disk, how far did the forwarder get).</summary>
    private async Task<string> OutboxReport()
    {
        var (_, output) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(30), "outbox", "inspect", Path.Combine(_dir, "state", "outbox"));
        return output;
    }

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
    public async Task Every_modbus_data_type_and_byte_order_arrives_in_kafka_equal_to_the_device_value()
    {
        await using var peer = await PymodbusServer.StartAsync();
        using var kafka = StartKafka();
        var config = ModbusPeerConfig.Write(_dir, peer.Port, kafka.BootstrapServers, peer.Points);
        await using var bridge = BridgeProcess.Start("run", config);

        var expected = peer.Points.ToDictionary(ModbusPeerConfig.TagId);
        var records = KafkaReadBack.Consume(kafka.BootstrapServers, "databridge.values", r => r.Select(x => x.TagId).Distinct().Count() >= expected.Count, TimeSpan.FromSeconds(60));
        Assert.True(records.Select(x => x.TagId).Distinct().Count() == expected.Count, $"only {records.Select(x => x.TagId).Distinct().Count()} of {expected.Count} tags arrived. Bridge output:\n{bridge.Output}\nOutbox:\n{await OutboxReport()}");

        foreach (var r in records)
        {
            Assert.True(r.Quality.IsGood, $"{r.TagId}: {r.Quality.Name}");
            Assert.Equal("peer", r.SourceId);
            Assert.Equal(ModbusPeerConfig.Asset, r.AssetPath);
            ModbusPeerConfig.AssertEqual(expected[r.TagId], r.Value);
        }

        // Sequence numbers of the source are 1..N without a hole (the values do not move, so each tag reports once).
        var sequences = records.Select(r => r.Sequence).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, sequences.Length).Select(i => (long)i), sequences);

        // kcat, an independent client, sees the same bytes, and they decode with the schema to the same records.
        var viaKcat = (await KafkaReadBack.KcatAsync(kafka.BootstrapServers, "databridge.values", TimeSpan.FromSeconds(30))).Select(b => TagValueSerializer.Read(b)).ToList();
        Assert.Equal(records.OrderBy(r => r.Sequence).Select(r => (r.TagId, r.Sequence, r.Value)), viaKcat.OrderBy(r => r.Sequence).Select(r => (r.TagId, r.Sequence, r.Value)));
    }

    [Fact]
    public async Task A_modbus_server_stopped_mid_run_gives_bad_quality_and_polling_resumes_when_it_returns()
    {
        await using var peer = await PymodbusServer.StartAsync();
        using var kafka = StartKafka();
        var config = ModbusPeerConfig.Write(_dir, peer.Port, kafka.BootstrapServers, peer.Points.Where(p => p.Table == "ir").ToList(), pollInterval: "100ms");
        await using var bridge = BridgeProcess.Start("run", config);

        var good = KafkaReadBack.Consume(kafka.BootstrapServers, "databridge.values", r => r.Count >= 3, TimeSpan.FromSeconds(30));
        Assert.True(good.Count >= 3 && good.All(r => r.Quality.IsGood), bridge.Output);

        await peer.StopAsync();
        var afterStop = KafkaReadBack.Consume(kafka.BootstrapServers, "databridge.values", r => r.Count(x => x.Quality.IsBad) >= 3, TimeSpan.FromSeconds(30));
        var bad = afterStop.Where(r => r.Quality.IsBad).ToList();
        Assert.True(bad.Count >= 3, $"expected Bad quality records after the server stopped. Bridge output:\n{bridge.Output}");
        Assert.All(bad, r => Assert.True(r.Quality.Code is StatusCodes.BadNoCommunication or StatusCodes.BadCommunicationError or StatusCodes.BadTimeout or StatusCodes.BadNotConnected, r.Quality.Name));
        Assert.All(bad, r => Assert.True(r.Value.IsNull));

        await peer.StartAgainAsync();
        var resumed = KafkaReadBack.Consume(kafka.BootstrapServers, "databridge.values", r => r.SkipWhile(x => !x.Quality.IsBad).Count(x => x.Quality.IsGood) >= 3, TimeSpan.FromSeconds(45));
        var back = resumed.SkipWhile(x => !x.Quality.IsBad).Where(x => x.Quality.IsGood).ToList();
        Assert.True(back.Count >= 3, $"polling did not resume. Bridge output:\n{bridge.Output}");
        Assert.False(bridge.HasExited);

        // Every sequence number of the source is in a record: nothing vanished across the outage (read to the end
        // of every partition with kcat, since records of different tags sit in different partitions).
        var all = (await KafkaReadBack.KcatAsync(kafka.BootstrapServers, "databridge.values", TimeSpan.FromSeconds(30))).Select(b => TagValueSerializer.Read(b).Sequence).Order().ToArray();
        Assert.True(all.Length >= resumed.Count);
        Assert.Equal(Enumerable.Range(1, all.Length).Select(i => (long)i), all);
    }

    [Fact]
    public async Task An_illegal_address_gives_bad_quality_on_those_tags_only()
    {
        await using var peer = await PymodbusServer.StartAsync();
        using var kafka = StartKafka();
        var points = peer.Points.Where(p => p.Table == "ir").ToList();
        var config = ModbusPeerConfig.Write(_dir, peer.Port, kafka.BootstrapServers, points);
        // A tag past the end of the peer's holding registers (0..199): the device answers exception 2.
        File.AppendAllText(config, "      - { name: missing, address: \"holding:5000\", type: uint16, pollGroup: fast }\n");
        await using var bridge = BridgeProcess.Start("run", config);

        var records = KafkaReadBack.Consume(kafka.BootstrapServers, "databridge.values", r => r.Select(x => x.TagId).Distinct().Count() >= points.Count + 1, TimeSpan.FromSeconds(60));
        Assert.True(records.Any(r => r.TagId.EndsWith("/missing", StringComparison.Ordinal)), "no record for the missing tag. Bridge output:\n" + bridge.Output);
        var missing = Assert.Single(records, r => r.TagId.EndsWith("/missing", StringComparison.Ordinal));
        Assert.Equal(StatusCodes.BadNodeIdUnknown, missing.Quality.Code);
        Assert.All(records.Where(r => r != missing), r => Assert.True(r.Quality.IsGood, r.TagId));
    }

    [Fact]
    public async Task Metadata_is_published_to_the_compacted_topic_at_start()
    {
        await using var peer = await PymodbusServer.StartAsync();
        using var kafka = StartKafka();
        var points = peer.Points.Where(p => p.Table == "ir").ToList();
        var config = ModbusPeerConfig.Write(_dir, peer.Port, kafka.BootstrapServers, points);
        await using var bridge = BridgeProcess.Start("run", config);

        var messages = new List<byte[]>();
        await Eventually.WaitUntilAsync(async () => (messages = await KafkaReadBack.KcatAsync(kafka.BootstrapServers, "databridge.metadata", TimeSpan.FromSeconds(20))).Count >= points.Count, TimeSpan.FromSeconds(40), "metadata records");
        var metadata = messages.Select(b => TagMetadataSerializer.Read(b)).ToList();
        var float32 = Assert.Single(metadata, m => m.TagId.EndsWith("ir_0_float32_cdab_0", StringComparison.Ordinal));
        Assert.Equal("peer", float32.SourceId);
        Assert.Contains($"127.0.0.1:{peer.Port}/1/input:0", float32.SourceAddress, StringComparison.Ordinal);
        Assert.Equal(ValueKind.Float, float32.DataType);
    }
}

[CollectionDefinition(nameof(ProcessTests), DisableParallelization = true)]
public sealed class ProcessTests;
