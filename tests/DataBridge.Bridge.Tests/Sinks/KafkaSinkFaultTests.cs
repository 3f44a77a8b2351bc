using Confluent.Kafka;
using DataBridge.Bridge.Sinks;
using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Schemas.Serialization;
using DataBridge.Testing.Kafka;
using DataBridge.Testing.Support;

namespace DataBridge.Bridge.Tests.Sinks;

/// <summary>Fault tests need brokers they can stop, so each starts its own mock cluster even when KAFKA_BOOTSTRAP is set.</summary>
public sealed class KafkaSinkFaultTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WriteAsync_completes_only_after_the_brokers_are_back_and_delivers_every_sequence_once()
    {
        using var cluster = KafkaMockCluster.Start(3);
        var options = KafkaSinkTests.Options(cluster.BootstrapServers);
        var records = SinkTestData.Values(3000, tags: 30);
        await using (var sink = await KafkaSink.StartAsync(options))
        {
            await sink.WriteAsync(records.GetRange(0, 1000), CancellationToken.None);

            // Brokers vanish: nothing can be acknowledged, so the call must not complete.
            for (var b = 1; b <= cluster.BrokerCount; b++)
            {
                cluster.SetBrokerDown(b);
            }

            var pending = sink.WriteAsync(records.GetRange(1000, 2000), CancellationToken.None).AsTask();
            // Explicit signal instead of a sleep: the sink has seen the outage (its health waits for Kafka), and the call is still open.
            await Eventually.WaitUntilAsync(() => sink.Health.State == SinkState.Waiting, TimeSpan.FromSeconds(30), "the sink noticing that every broker is down");
            Assert.False(pending.IsCompleted, "nothing can be acknowledged while every broker is down");

            for (var b = 1; b <= cluster.BrokerCount; b++)
            {
                cluster.SetBrokerUp(b);
            }

            await pending.WaitAsync(TimeSpan.FromSeconds(45));
        }

        var read = await KafkaTopicReader.ReadAsync(cluster.BootstrapServers, options.ValuesTopic, records.Count, ReadTimeout);
        var sequences = read.Select(m => TagValueSerializer.Read(m.Value)).Select(r => (r.SourceId, r.Sequence)).ToList();
        Assert.Equal(records.Count, sequences.Distinct().Count());
        Assert.Equal(records.Select(r => (r.SourceId, r.Sequence)).Order(), sequences.Order());

        // Nothing beyond the expected count arrived either (a duplicate would be one more message).
        var all = await KcatReader.ReadToEndAsync(cluster.BootstrapServers, options.ValuesTopic, ReadTimeout);
        Assert.Equal(records.Count, all.Count);
    }

    [Fact]
    public async Task Produce_errors_are_retried_by_the_idempotent_producer_without_duplicates()
    {
        using var cluster = KafkaMockCluster.Start(1);
        var options = KafkaSinkTests.Options(cluster.BootstrapServers);
        var records = SinkTestData.Values(500, tags: 5);
        await using (var sink = await KafkaSink.StartAsync(options))
        {
            await sink.WriteAsync(records.GetRange(0, 100), CancellationToken.None);

            // ApiKey 0 = Produce: the next requests fail with retriable errors; librdkafka resends the same batches.
            cluster.PushRequestErrors(0, ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut, ErrorCode.NotEnoughReplicasAfterAppend, ErrorCode.LeaderNotAvailable);
            await sink.WriteAsync(records.GetRange(100, 400), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }

        var all = await KcatReader.ReadToEndAsync(cluster.BootstrapServers, options.ValuesTopic, ReadTimeout);
        Assert.Equal(records.Select(r => (r.SourceId, r.Sequence)).Order(), all.Select(m => TagValueSerializer.Read(m.Value)).Select(r => (r.SourceId, r.Sequence)).Order());
    }

    [Fact]
    public async Task Undeliverable_records_fail_the_call_with_a_sink_exception_that_says_what_to_check()
    {
        using var cluster = KafkaMockCluster.Start(1);
        var options = new KafkaSinkOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            BridgeId = "edge-1",
            ValuesTopic = KafkaTestCluster.UniqueTopic("values"),
            DeliveryTimeout = TimeSpan.FromSeconds(2),
            AdminTimeout = TimeSpan.FromSeconds(5),
        };
        await using var sink = await KafkaSink.StartAsync(options);

        // StartAsync no longer waits for Kafka (issue #16): the brokers vanish once the sink has provisioned its topics.
        await sink.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        cluster.SetBrokerDown(1);
        var e = await Assert.ThrowsAsync<SinkException>(async () =>
            await sink.WriteAsync(SinkTestData.Values(10), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(10, e.FailedRecords);
        Assert.Equal(options.ValuesTopic, e.Destination);
        Assert.Contains("reachable", e.Message, StringComparison.Ordinal);
        Assert.Contains(cluster.BootstrapServers, e.Message, StringComparison.Ordinal);
    }
}
