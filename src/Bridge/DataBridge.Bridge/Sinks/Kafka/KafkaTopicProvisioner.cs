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
            throw await KafkaTimeoutDiagnosis.ExplainAsync(admin, options, e, ct).ConfigureAwait(false);
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.Local_TimedOut or ErrorCode.RequestTimedOut)
        {
            throw await KafkaTimeoutDiagnosis.ExplainAsync(admin, options, e, ct).ConfigureAwait(false);
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_UnsupportedFeature)
        {
            // librdkafka's mock cluster (and very old brokers) have no CreateTopics: topics are auto-created on first use.
            ReportNoCreateTopics(admin, specs, options, logger, e.Error.Reason);
        }
        catch (KafkaException e)
        {
            throw new SinkException($"Could not create Kafka topics: {e.Error.Code}: {e.Error.Reason}. " +
                                    SinkErrors.Advice(e.Error.Code, options.ValuesTopic, options.BootstrapServers), e);
        }
    }

    /// <summary>
    /// Brokers without CreateTopics (librdkafka's mock behind <c>databridge dev-kafka</c>, very old Kafka): fine when the
    /// topics exist already (<c>dev-kafka</c> and the demo create them); a warning that says why when they do not.
    /// </summary>
    private static void ReportNoCreateTopics(IAdminClient admin, List<TopicSpecification> specs, KafkaSinkOptions options, ILogger logger, string reason)
    {
        var missing = specs.Select(s => s.Name).ToList();
        try
        {
            var metadata = admin.GetMetadata(options.AdminTimeout);
            missing.RemoveAll(name => metadata.Topics.Exists(t => t.Topic == name && t.Error.Code == ErrorCode.NoError));
        }
        catch (KafkaException)
        {
            // Unknown: report every topic as not verified.
        }

        if (missing.Count == 0)
        {
            logger.LogInformation("Kafka brokers cannot create topics ({Reason}); the topics exist already: {Topics}", reason, string.Join(", ", specs.Select(s => s.Name)));
            return;
        }

        logger.LogWarning(
            "Kafka brokers cannot create topics ({Reason}), so {Topics} will be auto-created on first use with the broker's defaults (on a real cluster: no compaction for {Metadata}). " +
            "Create them as the README section What arrives in Kafka lists (metadata compacted), or ignore this on `databridge dev-kafka`, which keeps everything in memory anyway.",
            reason,
            string.Join(", ", missing),
            options.MetadataTopic);
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
