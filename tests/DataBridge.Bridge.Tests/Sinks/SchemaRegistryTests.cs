using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;
using DataBridge.Testing.Kafka;

namespace DataBridge.Bridge.Tests.Sinks;

public sealed class SchemaRegistryTests(KafkaTestCluster kafka) : IClassFixture<KafkaTestCluster>
{
    [Fact]
    public async Task With_a_registry_values_are_framed_with_the_registered_schema_id()
    {
        await using var registry = new FakeSchemaRegistry();
        var options = new KafkaSinkOptions
        {
            BootstrapServers = kafka.BootstrapServers,
            BridgeId = "edge-1",
            ValuesTopic = KafkaTestCluster.UniqueTopic("values"),
            MetadataTopic = KafkaTestCluster.UniqueTopic("metadata"),
            GapsTopic = KafkaTestCluster.UniqueTopic("gaps"),
            EventsTopic = KafkaTestCluster.UniqueTopic("events"),
            TopicReplicationFactor = 1,
            SchemaRegistryUrl = registry.Url,
            SchemaRegistryBasicAuth = "bridge:s3cret",
        };
        var records = SinkTestData.Values(20);
        await using (var sink = await KafkaSink.StartAsync(options))
        {
            await sink.WriteAsync(records, CancellationToken.None);
        }

        Assert.Equal(4, registry.Registered.Count);
        var (id, schema, authorization) = registry.Registered[options.ValuesTopic + "-value"];
        Assert.Equal(AvroSchemas.GetText(AvroSchemas.TagValueFile), schema);
        Assert.Equal("Basic " + Convert.ToBase64String("bridge:s3cret"u8.ToArray()), authorization);

        var read = await KcatReader.ReadToEndAsync(kafka.BootstrapServers, options.ValuesTopic, TimeSpan.FromSeconds(30));
        Assert.Equal(records.Count, read.Count);
        foreach (var message in read)
        {
            var body = ConfluentWireFormat.ReadHeader(message.Value, out var schemaId);
            Assert.Equal(id, schemaId);
            Assert.Contains(TagValueSerializer.Read(body), records);
        }
    }

    [Fact]
    public async Task An_unreachable_registry_does_not_stop_the_start_but_holds_delivery_back_and_says_what_to_check()
    {
        // Issue #16: an edge that boots while the IT side is away must start and buffer; the registry is on the IT side.
        var options = new KafkaSinkOptions
        {
            BootstrapServers = kafka.BootstrapServers,
            BridgeId = "edge-1",
            CreateTopics = false,
            SchemaRegistryUrl = $"http://127.0.0.1:{DataBridge.Testing.Support.FreePort.Tcp()}",
            RetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromMilliseconds(500),
        };
        await using var sink = await KafkaSink.StartAsync(options);
        var write = sink.WriteAsync(SinkTestData.Values(1), CancellationToken.None).AsTask();
        await DataBridge.Testing.Support.Eventually.WaitUntilAsync(() => sink.Health.State == DataBridge.Bridge.Sinks.SinkState.Waiting, TimeSpan.FromSeconds(20), "the sink to wait for the registry");
        Assert.Contains("SchemaRegistryUrl", sink.Health.Problem, StringComparison.Ordinal);
        Assert.False(write.IsCompleted, "nothing may be produced unframed while the registry is away");
    }
}
