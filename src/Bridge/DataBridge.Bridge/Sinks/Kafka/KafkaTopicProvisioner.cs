using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Sinks.Kafka;

/// <summary>
/// Creates the sink's topics at start where the principal may: metadata compacted (the latest record per tag is
/// the truth), the others deleted by retention. Topics that exist are left as they are.
/// </summary>
internal static class KafkaTopicProvisioner
{
    public static async Task EnsureTopicsAsync(KafkaSinkOptions options, IEnumerable<KeyValuePair<string, string>> clientConfig, ILogger logger, CancellationToken ct)
    {
        var specs = Specs(options);

        using var admin = new AdminClientBuilder(clientConfig)
            .SetLogHandler((_, m) => logger.LogDebug("librdkafka admin {Facility}: {Message}", m.Facility, m.Message))
            .Build();
        try
        {
            await admin.CreateTopicsAsync(specs, new CreateTopicsOptions { RequestTimeout = options.AdminTimeout, OperationTimeout = options.AdminTimeout })
                .WaitAsync(options.AdminTimeout + TimeSpan.FromSeconds(5), ct)
                .ConfigureAwait(false);
            logger.LogInformation("Created Kafka topics {Topics}", string.Join(", ", specs.Select(s => s.Name)));
        }
        catch (CreateTopicsException e)
        {
            foreach (var result in e.Results)
            {
                switch (result.Error.Code)
                {
                    case ErrorCode.NoError:
                        logger.LogInformation("Created Kafka topic {Topic}", result.Topic);
                        break;
                    case ErrorCode.TopicAlreadyExists:
                        logger.LogDebug("Kafka topic {Topic} already exists", result.Topic);
                        break;
                    case ErrorCode.TopicAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed or ErrorCode.PolicyViolation:
                        logger.LogWarning("Not allowed to create Kafka topic {Topic} ({Reason}); assuming an administrator created it", result.Topic, result.Error.Reason);
                        break;
                    default:
                        throw new SinkException($"Could not create Kafka topic '{result.Topic}': {result.Error.Code}: {result.Error.Reason}. " +
                                                "Check TopicPartitions/TopicReplicationFactor against the cluster, or create the topic yourself and set CreateTopics=false.", e)
                        {
                            Destination = result.Topic,
                        };
                }
            }
        }
        catch (TimeoutException e)
        {
            throw new SinkException($"Kafka brokers {options.BootstrapServers} did not answer within {options.AdminTimeout.TotalSeconds:0} s. " +
                                    SinkErrors.Advice(ErrorCode.Local_TimedOut, options.ValuesTopic, options.BootstrapServers), e);
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_UnsupportedFeature)
        {
            // librdkafka's mock cluster (and very old brokers) have no CreateTopics: topics are auto-created on first use.
            logger.LogWarning("Kafka brokers do not support creating topics ({Reason}); relying on auto-creation with broker defaults (no compaction)", e.Error.Reason);
        }
        catch (KafkaException e)
        {
            throw new SinkException($"Could not create Kafka topics: {e.Error.Code}: {e.Error.Reason}. " +
                                    SinkErrors.Advice(e.Error.Code, options.ValuesTopic, options.BootstrapServers), e);
        }
    }

    internal static List<TopicSpecification> Specs(KafkaSinkOptions options) =>
    [
        Spec(options.ValuesTopic, "delete", options),
        Spec(options.MetadataTopic, "compact", options),
        Spec(options.GapsTopic, "delete", options),
        Spec(options.EventsTopic, "delete", options),
    ];

    private static TopicSpecification Spec(string name, string cleanupPolicy, KafkaSinkOptions options) => new()
    {
        Name = name,
        NumPartitions = options.TopicPartitions,
        ReplicationFactor = options.TopicReplicationFactor,
        Configs = new Dictionary<string, string> { ["cleanup.policy"] = cleanupPolicy },
    };
}
