using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace DataBridge.Kpi.Service;

public sealed partial class KpiService
{
    private IConsumer<Ignore, byte[]> BuildValuesConsumer()
    {
        var config = new ConsumerConfig(new Dictionary<string, string>(_options.Properties))
        {
            BootstrapServers = _options.BootstrapServers,
            GroupId = _options.GroupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
            EnablePartitionEof = false,
            ClientId = "databridge-kpi",
        };
        var replay = _options.ReplayOnAssign ?? _model.Retention;
        return new ConsumerBuilder<Ignore, byte[]>(config)
            .SetLogHandler((_, m) => LogKafka(_logger, m.Facility, m.Message))
            .SetErrorHandler((_, e) => LogKafkaError(_logger, e.Code, e.Reason))
            .SetPartitionsAssignedHandler((consumer, partitions) => ReplayFrom(consumer, partitions, replay))
            .Build();
    }

    private IConsumer<Ignore, byte[]> BuildGapsConsumer()
    {
        // A group of its own per instance: every instance must see every gap, whichever values it was assigned.
        var config = new ConsumerConfig(new Dictionary<string, string>(_options.Properties))
        {
            BootstrapServers = _options.BootstrapServers,
            GroupId = $"{_options.GroupId}-gaps-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            ClientId = "databridge-kpi-gaps",
        };
        return new ConsumerBuilder<Ignore, byte[]>(config)
            .SetLogHandler((_, m) => LogKafka(_logger, m.Facility, m.Message))
            .SetErrorHandler((_, e) => LogKafkaError(_logger, e.Code, e.Reason))
            .Build();
    }

    private IProducer<string, byte[]> BuildProducer()
    {
        var config = new ProducerConfig(new Dictionary<string, string>(_options.Properties))
        {
            BootstrapServers = _options.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 20,
            ClientId = "databridge-kpi",
        };
        return new ProducerBuilder<string, byte[]>(config)
            .SetLogHandler((_, m) => LogKafka(_logger, m.Facility, m.Message))
            .SetErrorHandler((_, e) => LogKafkaError(_logger, e.Code, e.Reason))
            .Build();
    }

    /// <summary>
    /// After a restart or a rebalance the engine knows nothing of the newly assigned partitions: re-read them from
    /// the start of the retention so the shift window is complete (duplicates are harmless: the engine de-duplicates).
    /// </summary>
    private IEnumerable<TopicPartitionOffset> ReplayFrom(IConsumer<Ignore, byte[]> consumer, List<TopicPartition> partitions, TimeSpan replay)
    {
        var since = new Timestamp(_time.GetUtcNow().UtcDateTime - replay);
        try
        {
            var offsets = consumer.OffsetsForTimes(partitions.Select(p => new TopicPartitionTimestamp(p, since)), TimeSpan.FromSeconds(5));
            // End means "nothing newer" on Kafka but also "timestamps not supported" on some brokers (librdkafka's mock):
            // fall back to the committed offset (or the earliest), which re-reads at worst what pruning drops anyway.
            var start = offsets.Select(o => o.Offset.Value < 0 ? new TopicPartitionOffset(o.TopicPartition, Offset.Unset) : o).ToList();
            LogAssigned(_logger, partitions.Count, replay, string.Join(", ", start));
            return start;
        }
        catch (KafkaException e)
        {
            LogKafkaError(_logger, e.Error.Code, "could not look up offsets by time, continuing from the committed offsets: " + e.Error.Reason);
            return partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset)).ToList();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "librdkafka {Facility}: {Message}")]
    private static partial void LogKafka(ILogger logger, string facility, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka: {Code} {Reason}")]
    private static partial void LogKafkaError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assigned {Count} value partitions; replaying the last {Replay} from {Offsets}")]
    private static partial void LogAssigned(ILogger logger, int count, TimeSpan replay, string offsets);
}
