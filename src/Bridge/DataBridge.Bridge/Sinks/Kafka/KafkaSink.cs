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
public sealed partial class KafkaSink : IRecordSink, IDrainSink, IReportsSinkHealth
{
    private readonly KafkaSinkOptions _options;
    private readonly ILogger _logger;
    private readonly IProducer<string, byte[]> _producer;
    private readonly ResiliencePipeline _queueFullPipeline;

    // One encoder buffer, used under the produce gate: encoding allocates only the exact-size array Confluent.Kafka needs.
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly SemaphoreSlim _produceGate = new(1, 1);
    private int _disposed;

    private readonly KafkaConnectivity _connectivity;
    private readonly CancellationTokenSource _stopping = new();
    private Task _ready = Task.CompletedTask;

    // Confluent wire format schema ids per topic; empty when no registry is configured (set before _ready completes).
    private IReadOnlyDictionary<string, int> _schemaIds = new Dictionary<string, int>();

    private KafkaSink(KafkaSinkOptions options, IReadOnlyDictionary<string, string> config, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _connectivity = new KafkaConnectivity(options.BootstrapServers, logger, options.Time);
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

    /// <summary>Whether Kafka is reachable now and, while it is not, what failed (for <c>/healthz</c>).</summary>
    public SinkHealth Health => _connectivity.Health;

    /// <summary>
    /// Completes when the topics are provisioned and the schemas registered, i.e. when records can be produced.
    /// Until then every write waits (the outbox keeps the records); failures are retried with backoff, not thrown.
    /// </summary>
    public Task Ready => _ready;

    /// <summary>
    /// Validates the options and starts the producer at once, without waiting for Kafka: topic provisioning and schema
    /// registration run in the background and are retried with backoff until they succeed (<see cref="Ready"/>), so an
    /// edge that boots while Kafka or the WAN is away starts, reads its sources and fills its outbox.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is named).</exception>
    public static Task<KafkaSink> StartAsync(KafkaSinkOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid Kafka sink options:" + Environment.NewLine + string.Join(Environment.NewLine, problems), nameof(options));
        }

        ct.ThrowIfCancellationRequested();
        logger ??= NullLogger.Instance;
        var config = BuildConfig(options);
        logger.LogInformation("Starting Kafka sink {BridgeId} to {Bootstrap} with {Config}", options.BridgeId, options.BootstrapServers, KafkaConfigRedaction.Describe(config));
        var sink = new KafkaSink(options, config, logger);
        sink._ready = sink.PrepareAsync(sink._stopping.Token);
        return Task.FromResult(sink);
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

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _ready.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Provisioning was still waiting for Kafka: nothing was produced, the outbox keeps everything.
        }

        var left = await Task.Run(() => _producer.Flush(_options.AdminTimeout)).ConfigureAwait(false);
        if (left > 0)
        {
            _logger.LogWarning("Kafka sink closed with {Count} records not yet acknowledged; the outbox will send them again", left);
        }

        _producer.Dispose();
        _produceGate.Dispose();
        _stopping.Dispose();
    }

    private void OnError(Error e)
    {
        if (e.IsFatal)
        {
            _logger.LogError("Kafka producer fatal error {Code}: {Reason}. {Advice}", e.Code, e.Reason, SinkErrors.Advice(e.Code, _options.ValuesTopic, _options.BootstrapServers));
        }
        else if (SinkErrors.IsUnreachable(e.Code))
        {
            // Transient (broker down, connection refused): librdkafka retries by itself; the sink call waits. Said once per outage.
            _connectivity.Waiting($"{e.Code}: {e.Reason}. {SinkErrors.Advice(e.Code, _options.ValuesTopic, _options.BootstrapServers)}");
        }
        else
        {
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
        if (m.Facility is "FAIL" or "ERROR" && level > LogLevel.Debug)
        {
            // Connection failures also arrive through the error handler, which reports an outage once.
            level = LogLevel.Debug;
        }

        _logger.Log(level, "librdkafka {Facility}: {Message}", m.Facility, m.Message);
    }
}
