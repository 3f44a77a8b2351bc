using Avro.Generic;
using Avro.IO;
using DataBridge.Bridge.Sinks;
using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Core;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;
using DataBridge.Testing.Kafka;

namespace DataBridge.Bridge.Tests.Sinks;

public sealed class KafkaSinkTests(KafkaTestCluster kafka, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<KafkaTestCluster>
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    // Resolving a schema pair is the expensive part of Apache.Avro's generic reader: do it once.
    private static readonly GenericDatumReader<GenericRecord> GenericTagValueReader = new(AvroSchemas.TagValue, AvroSchemas.TagValue);

    [Fact]
    public async Task Ten_thousand_values_are_read_back_by_confluent_and_kcat_equal_and_in_order_per_key()
    {
        var options = Options(kafka.BootstrapServers);
        var written = SinkTestData.Values(10_000);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await using (var sink = await KafkaSink.StartAsync(options))
        {
            for (var i = 0; i < written.Count; i += 1000)
            {
                await sink.WriteAsync(written.GetRange(i, 1000), CancellationToken.None);
            }
        }

        output.WriteLine($"produce {sw.ElapsedMilliseconds}");
        var byConfluent = await KafkaTopicReader.ReadAsync(kafka.BootstrapServers, options.ValuesTopic, written.Count, ReadTimeout);
        output.WriteLine($"confluent {sw.ElapsedMilliseconds}");
        var byKcat = await KcatReader.ReadToEndAsync(kafka.BootstrapServers, options.ValuesTopic, ReadTimeout);
        output.WriteLine($"kcat {sw.ElapsedMilliseconds}");
        foreach (var (client, messages) in new[] { ("Confluent.Kafka", byConfluent), ("kcat", byKcat) })
        {
            Assert.True(written.Count == messages.Count, $"{client} read {messages.Count} messages");
            var read = messages.OrderBy(m => m.Partition).ThenBy(m => m.Offset).Select(m => (Key: m.KeyText!, Record: DecodeWithAvsc(m.Value!))).ToList();
            Assert.All(read, r => Assert.Equal(r.Record.TagId, r.Key));

            // Per key (one partition each), the order read is the order written.
            foreach (var group in read.GroupBy(r => r.Key))
            {
                Assert.Equal(written.Where(w => w.TagId == group.Key), group.Select(g => g.Record));
            }
        }
    }

    [Fact]
    public async Task Metadata_gaps_and_events_land_on_their_topics_keyed_by_tag_source_and_bridge()
    {
        var options = Options(kafka.BootstrapServers);
        var metadata = new TagMetadataRecord
        {
            TagId = "acme/plant7/press/line2/press07/temperature",
            AssetPath = "acme/plant7/press/line2/press07",
            SourceId = "modbus-press07",
            SourceAddress = "modbus://10.0.0.11:502/1/holding:100",
            DataType = ValueKind.Float,
            Unit = "CEL",
            UnitDisplayName = "degree Celsius",
            ScaleFactor = 0.1,
            HeartbeatMs = 60_000,
            UpdatedAt = SinkTestData.T0,
        };
        var gap = new GapRecord("modbus-press07", 101, 117, GapReason.BufferOverflow, SinkTestData.T0, "edge-1");
        var started = new BridgeEventRecord("edge-1", BridgeEventKind.Started, SinkTestData.T0, "bridge started", new Dictionary<string, string> { ["version"] = "1.0" });
        await using (var sink = await KafkaSink.StartAsync(options))
        {
            await sink.PublishMetadataAsync([metadata, metadata with { Unit = "FAH", UnitDisplayName = "degree Fahrenheit" }], CancellationToken.None);
            await sink.WriteGapAsync(gap, CancellationToken.None);
            await sink.WriteEventAsync(started, CancellationToken.None);
        }

        var meta = await KcatReader.ReadToEndAsync(kafka.BootstrapServers, options.MetadataTopic, ReadTimeout);
        Assert.Equal(2, meta.Count);
        Assert.All(meta, m => Assert.Equal(metadata.TagId, m.KeyText));
        Assert.Equal("FAH", TagMetadataSerializer.Read(meta.OrderBy(m => m.Offset).Last().Value).Unit);
        var gaps = await KcatReader.ReadToEndAsync(kafka.BootstrapServers, options.GapsTopic, ReadTimeout);
        Assert.Equal("modbus-press07", Assert.Single(gaps).KeyText);
        Assert.Equal(gap, GapSerializer.Read(gaps[0].Value));
        var events = await KcatReader.ReadToEndAsync(kafka.BootstrapServers, options.EventsTopic, ReadTimeout);
        Assert.Equal("edge-1", Assert.Single(events).KeyText);
        Assert.Equal(BridgeEventKind.Started, BridgeEventSerializer.Read(events[0].Value).Kind);
    }

    [Fact]
    public void Topic_specifications_make_metadata_compacted_and_the_rest_deleted()
    {
        var options = Options("127.0.0.1:1");
        var specs = KafkaTopicProvisioner.Specs(options);
        Assert.Equal([options.ValuesTopic, options.MetadataTopic, options.GapsTopic, options.EventsTopic], specs.Select(s => s.Name));
        Assert.Equal(["delete", "compact", "delete", "delete"], specs.Select(s => s.Configs["cleanup.policy"]));
    }

    [Fact]
    public async Task Topics_exist_after_start_with_their_cleanup_policy_or_are_auto_created_by_the_mock()
    {
        var options = Options(kafka.BootstrapServers);
        await using var sink = await KafkaSink.StartAsync(options);
        await sink.WriteAsync(SinkTestData.Values(1), CancellationToken.None);
        if (kafka.IsMock)
        {
            // The mock has no CreateTopics: the sink tolerates that and the mock auto-creates on first produce.
            Assert.Equal(KafkaMockCluster.DefaultPartitions, KafkaTopicReader.Partitions(kafka.BootstrapServers, options.ValuesTopic).Count);
            return;
        }

        var policies = await TopicConfigs.CleanupPoliciesAsync(kafka.BootstrapServers, [options.ValuesTopic, options.MetadataTopic, options.GapsTopic, options.EventsTopic]);
        Assert.Equal(["delete", "compact", "delete", "delete"], policies);
        Assert.Equal(options.TopicPartitions, KafkaTopicReader.Partitions(kafka.BootstrapServers, options.ValuesTopic).Count);
    }

    [Fact]
    public async Task Starting_twice_tolerates_topics_that_already_exist()
    {
        var options = Options(kafka.BootstrapServers);
        await using var first = await KafkaSink.StartAsync(options);
        await using var second = await KafkaSink.StartAsync(options);
        await second.WriteAsync(SinkTestData.Values(1), CancellationToken.None);
    }

    internal static KafkaSinkOptions Options(string bootstrap) => new()
    {
        BootstrapServers = bootstrap,
        BridgeId = "edge-1",
        ValuesTopic = KafkaTestCluster.UniqueTopic("values"),
        MetadataTopic = KafkaTestCluster.UniqueTopic("metadata"),
        GapsTopic = KafkaTestCluster.UniqueTopic("gaps"),
        EventsTopic = KafkaTestCluster.UniqueTopic("events"),
        TopicReplicationFactor = 1,
    };

    /// <summary>Decodes with Apache.Avro's generic reader and the .avsc, independent of the sink's writer, then maps to the record.</summary>
    internal static TagValueRecord DecodeWithAvsc(byte[] value)
    {
        using var stream = new MemoryStream(value);
        var g = GenericTagValueReader.Read(null!, new BinaryDecoder(stream));
        Assert.Equal(value.Length, stream.Position);
        var record = TagValueSerializer.Read(value);
        Assert.Equal(record.TagId, g["tagId"]);
        Assert.Equal(record.Sequence, g["sequence"]);
        Assert.Equal(record.SourceId, g["sourceId"]);
        Assert.Equal(record.Value.Kind.ToString(), g["valueType"]);
        Assert.Equal(record.SourceTimestamp, ((DateTime)g["sourceTimestamp"]).ToUniversalTime());
        return record;
    }
}
