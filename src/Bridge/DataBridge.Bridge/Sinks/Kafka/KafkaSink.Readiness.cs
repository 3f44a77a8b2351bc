using DataBridge.Schemas;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace DataBridge.Bridge.Sinks.Kafka;

/// <summary>
/// Getting ready in the background: create the topics and register the schemas, retried with exponential backoff
/// (Polly) for as long as the sink lives. The outage is reported once (<see cref="KafkaConnectivity"/>), and writes
/// wait for <see cref="Ready"/> so that nothing is produced into topics auto-created with the wrong settings.
/// </summary>
public sealed partial class KafkaSink
{
    private int _failedPreparations;

    /// <summary>Provisioning attempts that failed so far (for tests and diagnostics).</summary>
    internal int FailedPreparations => Volatile.Read(ref _failedPreparations);

    private async Task PrepareAsync(CancellationToken ct)
    {
        // Off the caller's thread: StartAsync returns before Kafka has answered anything.
        await Task.Yield();
        var retry = new ResiliencePipelineBuilder { TimeProvider = _options.Time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SinkException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryDelay,
                MaxDelay = _options.MaxRetryDelay,
                OnRetry = args =>
                {
                    Interlocked.Increment(ref _failedPreparations);
                    _connectivity.Waiting(args.Outcome.Exception!.Message);
                    _logger.LogDebug("Kafka provisioning attempt {Attempt} failed; next in {Delay}.", args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            })
            .Build();

        await retry.ExecuteAsync(
            static async (self, token) =>
            {
                if (self._options.CreateTopics)
                {
                    await KafkaTopicProvisioner.EnsureTopicsAsync(self._options, CommonConfig(self._options), self._logger, token).ConfigureAwait(false);
                }

                Volatile.Write(ref self._schemaIds, await RegisterSchemasAsync(self._options, self._logger, token).ConfigureAwait(false));
            },
            this,
            ct).ConfigureAwait(false);

        if (_options.CreateTopics || _options.SchemaRegistryUrl is not null)
        {
            _connectivity.Connected(_options.CreateTopics ? "topics provisioned" : "schemas registered");
        }
    }

    private static async Task<IReadOnlyDictionary<string, int>> RegisterSchemasAsync(KafkaSinkOptions options, ILogger logger, CancellationToken ct)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        if (options.SchemaRegistryUrl is null)
        {
            return ids;
        }

        using var http = new HttpClient { Timeout = options.AdminTimeout };
        foreach (var (topic, file) in new[]
                 {
                     (options.ValuesTopic, AvroSchemas.TagValueFile), (options.MetadataTopic, AvroSchemas.TagMetadataFile),
                     (options.GapsTopic, AvroSchemas.GapFile), (options.EventsTopic, AvroSchemas.BridgeEventFile),
                 })
        {
            ids[topic] = await SchemaRegistration.RegisterAsync(http, options, topic, AvroSchemas.GetText(file), ct).ConfigureAwait(false);
            logger.LogInformation("Registered {File} as subject {Subject} with schema id {Id}", file, topic + "-value", ids[topic]);
        }

        return ids;
    }
}
