using DataBridge.Bridge.Sinks.Kafka;

namespace DataBridge.Testing.Kafka;

/// <summary>
/// A Kafka for tests: the real one named by the environment variable <c>KAFKA_BOOTSTRAP</c> when it is set,
/// otherwise librdkafka's mock cluster started in this process (3 brokers on 127.0.0.1). Use it as an xunit
/// class fixture; topics from <see cref="UniqueTopic"/> keep tests apart on a shared real cluster.
/// </summary>
public sealed class KafkaTestCluster : IDisposable
{
    public KafkaTestCluster()
    {
        const int brokers = 3;
        var external = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP");
        if (!string.IsNullOrWhiteSpace(external))
        {
            BootstrapServers = external;
            return;
        }

        Mock = KafkaMockCluster.Start(brokers);
        BootstrapServers = Mock.BootstrapServers;
    }

    public string BootstrapServers { get; }

    /// <summary>The in-process mock, or null when a real Kafka is used (fault tests that need it skip themselves).</summary>
    public KafkaMockCluster? Mock { get; }

    public bool IsMock => Mock is not null;

    /// <summary>A topic name no other test uses: <c>prefix.</c> plus a random suffix.</summary>
    public static string UniqueTopic(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 200)];

    public void Dispose() => Mock?.Dispose();
}
