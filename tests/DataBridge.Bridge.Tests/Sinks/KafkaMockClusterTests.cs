using System.Globalization;
using DataBridge.Bridge.Sinks.Kafka;

namespace DataBridge.Bridge.Tests.Sinks;

public sealed class KafkaMockClusterTests
{
    [Fact]
    public void Mock_brokers_listen_on_loopback_only()
    {
        using var cluster = KafkaMockCluster.Start(3);
        var ports = cluster.BootstrapServers.Split(',').Select(b => int.Parse(b.Split(':')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, ports.Count);
        Assert.All(cluster.BootstrapServers.Split(','), b => Assert.StartsWith("127.0.0.1:", b, StringComparison.Ordinal));

        // /proc/net/tcp: "sl local_address rem_address st ..." with addresses as hex IP:PORT; st 0A = LISTEN.
        var listening = File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f[3] == "0A")
            .Select(f => (Ip: f[1].Split(':')[0], Port: int.Parse(f[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var port in ports)
        {
            var socket = Assert.Single(listening, s => s.Port == port);
            Assert.Equal("0100007F", socket.Ip);
        }

        Assert.DoesNotContain(File.ReadLines("/proc/net/tcp6").Skip(1), l => ports.Any(p => l.Contains($":{p:X4} ", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_mock_is_hosted_by_the_librdkafka_that_confluent_kafka_loaded()
    {
        Assert.Contains("librdkafka", Path.GetFileName(KafkaMockCluster.LibraryPath), StringComparison.Ordinal);
        Assert.Contains(KafkaMockCluster.LibraryPath, File.ReadAllText("/proc/self/maps"), StringComparison.Ordinal);
    }

    [Fact]
    public void Controlling_an_unknown_broker_is_a_clear_error()
    {
        using var cluster = KafkaMockCluster.Start(1);
        var e = Assert.Throws<InvalidOperationException>(() => cluster.SetBrokerDown(42));
        Assert.Contains(nameof(KafkaMockCluster.SetBrokerDown), e.Message, StringComparison.Ordinal);
    }
}
