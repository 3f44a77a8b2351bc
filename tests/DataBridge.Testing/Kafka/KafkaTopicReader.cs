using Confluent.Kafka;

namespace DataBridge.Testing.Kafka;

/// <summary>Reads a whole topic from the beginning with a Confluent.Kafka consumer (partition assignment, no group).</summary>
public static class KafkaTopicReader
{
    /// <summary>Reads until <paramref name="expected"/> messages arrived, failing after <paramref name="timeout"/>.</summary>
    public static Task<IReadOnlyList<ConsumedMessage>> ReadAsync(string bootstrapServers, string topic, int expected, TimeSpan timeout) =>
        Task.Run(() => Read(bootstrapServers, topic, expected, timeout));

    private static IReadOnlyList<ConsumedMessage> Read(string bootstrapServers, string topic, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "databridge-test-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = IsolationLevel.ReadCommitted,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        consumer.Assign(Partitions(bootstrapServers, topic).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var result = new List<ConsumedMessage>(expected);
        while (result.Count < expected)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Read {result.Count} of {expected} messages from {topic} within {timeout.TotalSeconds:0} s.");
            }

            var cr = consumer.Consume(left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
            if (cr is { IsPartitionEOF: false, Message: not null })
            {
                result.Add(new ConsumedMessage(cr.Partition.Value, cr.Offset.Value, cr.Message.Key, cr.Message.Value));
            }
        }

        return result;
    }

    /// <summary>The partition ids of a topic (waits for the topic to exist).</summary>
    public static IReadOnlyList<int> Partitions(string bootstrapServers, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).SetLogHandler((_, _) => { }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        var t = metadata.Topics.Single(t => t.Topic == topic);
        if (t.Error.IsError)
        {
            throw new InvalidOperationException($"Topic {topic}: {t.Error.Reason}");
        }

        return t.Partitions.Select(p => p.PartitionId).OrderBy(p => p).ToList();
    }
}
