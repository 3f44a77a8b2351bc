using System.Buffers;
using System.Globalization;
using Confluent.Kafka;
using DataBridge.Schemas;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace DataBridge.Bridge.Sinks.Kafka;

/// <summary>
/// The Kafka sink: an idempotent producer (enable.idempotence=true, acks=all) writing Avro records to the values,
/// metadata, gaps and events topics. Each call completes when every record's delivery report succeeded, so the
/// outbox can commit; within a producer session librdkafka's idempotence removes duplicates from retries.
/// </summary>
public sealed partial class KafkaSink : IRecordSink
{
    private readonly KafkaSinkOptions _options;
    private readonly ILogger _logger;
    private readonly IProducer<string, byte[]> _producer;
    private readonly ResiliencePipeline _queueFullPipeline;

    // One encoder buffer, used under the produce gate: encoding allocates only the exact-size array Confluent.Kafka needs.
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly SemaphoreSlim _produceGate = new(1, 1);
    private int _disposed;

    // Confluent wire format schema ids per topic; empty when no registry is configured.
    private readonly IReadOnlyDictionary<string, int> _schemaIds;

    private KafkaSink(KafkaSinkOptions options, IReadOnlyDictionary<string, string> config, IReadOnlyDictionary<string, int> schemaIds, ILogger logger)
    {
        _options = options;
        _schemaIds = schemaIds;
        _logger = logger;
        _producer = new ProducerBuilder<string, byte[]>(config)
            .SetErrorHandler((_, e) => OnError(e))
            .SetLogHandler((_, m) => OnLog(m))
            .Build();

        // librdkafka's queue is full when the brokers are slower than the pipeline: wait for room instead of failing.
        _queueFullPipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ProduceException<string, byte[]>>(e => e.Error.Code == ErrorCode.Local_QueueFull),
                MaxRetryAttempts = int.MaxValue,
                Delay = TimeSpan.FromMilliseconds(5),
                BackoffType = DelayBackoffType.Constant,
            })
            .AddTimeout(options.DeliveryTimeout)
            .Build();
    }

    /// <summary>The settings the sink runs with.</summary>
    public KafkaSinkOptions Options => _options;

    /// <summary>
    /// Validates the options, creates the topics where allowed and starts the producer.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is named).</exception>
    /// <exception cref="SinkException">Topics could not be created and do not exist, or the brokers are unreachable.</exception>
    public static async Task<KafkaSink> StartAsync(KafkaSinkOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid Kafka sink options:" + Environment.NewLine + string.Join(Environment.NewLine, problems), nameof(options));
        }

        logger ??= NullLogger.Instance;
        var config = BuildConfig(options);
        logger.LogInformation("Starting Kafka sink {BridgeId} to {Bootstrap} with {Config}", options.BridgeId, options.BootstrapServers, KafkaConfigRedaction.Describe(config));
        if (options.CreateTopics)
        {
            await KafkaTopicProvisioner.EnsureTopicsAsync(options, CommonConfig(options), logger, ct).ConfigureAwait(false);
        }

        var schemaIds = await RegisterSchemasAsync(options, logger, ct).ConfigureAwait(false);
        return new KafkaSink(options, config, schemaIds, logger);
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

    /// <summary>The librdkafka producer settings the sink uses (defaults, then the user's properties, then the two it enforces).</summary>
    internal static IReadOnlyDictionary<string, string> BuildConfig(KafkaSinkOptions options)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["linger.ms"] = "5",
            ["message.timeout.ms"] = ((long)options.DeliveryTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),

            // Delivery reports only need the error and status; skipping key/value marshalling saves two arrays per record.
            ["dotnet.producer.delivery.report.fields"] = "status",
        };
        foreach (var (key, value) in CommonConfig(options))
        {
            config[key] = value;
        }

        config["enable.idempotence"] = "true";
        config["acks"] = "all";
        return config;
    }

    private static Dictionary<string, string> CommonConfig(KafkaSinkOptions options)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = options.BootstrapServers,
            ["client.id"] = "databridge-" + options.BridgeId,
        };
        foreach (var (key, value) in options.Properties)
        {
            config[key] = value;
        }

        return config;
    }

    /// <summary>Waits (up to <see cref="KafkaSinkOptions.AdminTimeout"/>) for records in flight, then closes the producer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var left = await Task.Run(() => _producer.Flush(_options.AdminTimeout)).ConfigureAwait(false);
        if (left > 0)
        {
            _logger.LogWarning("Kafka sink closed with {Count} records not yet acknowledged; the outbox will send them again", left);
        }

        _producer.Dispose();
        _produceGate.Dispose();
    }

    private void OnError(Error e)
    {
        if (e.IsFatal)
        {
            _logger.LogError("Kafka producer fatal error {Code}: {Reason}. {Advice}", e.Code, e.Reason, SinkErrors.Advice(e.Code, _options.ValuesTopic, _options.BootstrapServers));
        }
        else
        {
            // Transient (broker down, connection refused): librdkafka retries by itself; the sink call waits.
            _logger.LogWarning("Kafka producer error {Code}: {Reason}", e.Code, e.Reason);
        }
    }

    private void OnLog(LogMessage m)
    {
        var level = m.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        _logger.Log(level, "librdkafka {Facility}: {Message}", m.Facility, m.Message);
    }
}
