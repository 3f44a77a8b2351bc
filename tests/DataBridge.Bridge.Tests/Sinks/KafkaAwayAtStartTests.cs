using System.Net;
using DataBridge.Bridge.Sinks;
using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Bridge.Tests.Sources;
using DataBridge.Testing.Kafka;
using DataBridge.Testing.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Bridge.Tests.Sinks;

/// <summary>
/// The sink starts without Kafka, waits (saying so once, and what failed), and delivers when Kafka answers;
/// a cluster that answers but has no controller is named as such, not blamed on the network.
/// </summary>
public sealed class KafkaAwayAtStartTests
{
    [Fact]
    public async Task A_sink_started_with_no_broker_listening_starts_at_once_warns_once_and_delivers_when_kafka_comes_up()
    {
        var port = FreePort.Tcp();
        var log = new LogCollector();
        var options = new KafkaSinkOptions
        {
            BootstrapServers = $"127.0.0.1:{port}",
            BridgeId = "edge-1",
            AdminTimeout = TimeSpan.FromSeconds(3),
            RetryDelay = TimeSpan.FromMilliseconds(200),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
        };

        var start = KafkaSink.StartAsync(options, log);
        Assert.True(start.IsCompleted, "StartAsync must not wait for Kafka");
        await using var sink = await start;
        var write = sink.WriteAsync(SinkTestData.Values(50), CancellationToken.None).AsTask();

        await Eventually.WaitUntilAsync(() => sink.Health.State == SinkState.Waiting, TimeSpan.FromSeconds(20), "the sink to report that it waits for Kafka\n" + log);
        Assert.Contains($"127.0.0.1:{port}", sink.Health.Problem, StringComparison.Ordinal);

        // Several provisioning attempts fail meanwhile (each within AdminTimeout), yet the operator reads one warning.
        await Eventually.WaitUntilAsync(() => sink.FailedPreparations >= 2, TimeSpan.FromSeconds(30), "two failed provisioning attempts\n" + log);
        Assert.False(write.IsCompleted, "nothing can be delivered before Kafka is there\n" + log);

        using var cluster = KafkaMockCluster.Start(1);
        foreach (var t in KafkaTopicProvisioner.Specs(options))
        {
            cluster.CreateTopic(t.Name, 2);
        }

        await using var forwarder = new LoopbackForwarder(port, IPEndPoint.Parse(cluster.BootstrapServers.Split(',')[0]));
        await write.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(SinkState.Connected, sink.Health.State);
        Assert.Equal(1, Count(log, "Waiting for Kafka"));
        Assert.Equal(1, Count(log, "is back after"));

        var read = await KcatReader.ReadToEndAsync(cluster.BootstrapServers, options.ValuesTopic, TimeSpan.FromSeconds(20));
        Assert.Equal(50, read.Count);
    }

    [Fact]
    public async Task Against_a_cluster_without_an_active_controller_the_error_names_the_missing_controller_and_not_the_network()
    {
        using var cluster = KafkaMockCluster.Start(2);
        cluster.SetControllerId(-1);
        var options = new KafkaSinkOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            BridgeId = "edge-1",
            AdminTimeout = TimeSpan.FromSeconds(3),
        };

        var e = await Assert.ThrowsAsync<SinkException>(() => KafkaTopicProvisioner.EnsureTopicsAsync(options, [new("bootstrap.servers", options.BootstrapServers)], NullLogger.Instance, CancellationToken.None));
        Assert.True(e.Message.Contains("answered", StringComparison.Ordinal), e.Message);
        Assert.Contains("no active controller", e.Message, StringComparison.Ordinal);
        Assert.Contains("topic creation timed out", e.Message, StringComparison.Ordinal);
        Assert.Contains("controller.quorum.voters", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("firewall", e.Message, StringComparison.Ordinal);

        // With nothing listening at all, the same timeout is blamed on reachability.
        var nobody = new KafkaSinkOptions { BootstrapServers = $"127.0.0.1:{FreePort.Tcp()}", BridgeId = "edge-1", AdminTimeout = TimeSpan.FromSeconds(2) };
        var unreachable = await Assert.ThrowsAsync<SinkException>(() => KafkaTopicProvisioner.EnsureTopicsAsync(nobody, [new("bootstrap.servers", nobody.BootstrapServers)], NullLogger.Instance, CancellationToken.None));
        Assert.Contains("did not answer", unreachable.Message, StringComparison.Ordinal);
        Assert.Contains("firewall", unreachable.Message, StringComparison.Ordinal);
    }

    private static int Count(LogCollector log, string text)
    {
        var s = log.ToString();
        var n = 0;
        for (var i = s.IndexOf(text, StringComparison.Ordinal); i >= 0; i = s.IndexOf(text, i + text.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
