using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Hosting;
using DataBridge.Bridge.Outbox;
using DataBridge.Bridge.Sinks.Kafka;
using Microsoft.Extensions.Logging;

namespace DataBridge.Cli.Hosting;

/// <summary>Starts a bridge from a loaded configuration: the Kafka sink, then the host.</summary>
internal static class BridgeRunner
{
    public static async Task<BridgeHost> StartAsync(BridgeConfiguration config, ILoggerFactory loggers, CancellationToken cancellationToken, bool createTopics = true, Uri? healthUrl = null)
    {
        var kafka = config.Kafka;
        var sink = await KafkaSink.StartAsync(
            new KafkaSinkOptions
            {
                BootstrapServers = kafka.BootstrapServers,
                BridgeId = config.BridgeId,
                ValuesTopic = kafka.Topics.Values,
                MetadataTopic = kafka.Topics.Metadata,
                GapsTopic = kafka.Topics.Gaps,
                EventsTopic = kafka.Topics.Events,
                Properties = kafka.Properties,
                CreateTopics = createTopics,
            },
            loggers.CreateLogger("DataBridge.Kafka"),
            cancellationToken).ConfigureAwait(false);
        var outbox = config.Outbox;
        var options = new BridgeHostOptions
        {
            UseOutbox = outbox.Enabled,
            HealthUrl = healthUrl,
            Outbox = new OutboxOptions
            {
                Directory = outbox.Directory ?? Path.Combine(config.StateDirectory, "outbox"),
                MaxDiskBytes = outbox.MaxDiskBytes,
                SegmentBytes = outbox.SegmentBytes,
                Overflow = outbox.Overflow == OutboxOverflow.DropNewest ? OverflowPolicy.DropNewest : OverflowPolicy.DropOldest,
                MaxCommitInterval = outbox.CommitInterval,
            },
        };
        return new BridgeHost(config, sink, TimeProvider.System, loggers, options);
    }
}
