using Confluent.Kafka;
using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Core;
using DataBridge.Schemas;
using DataBridge.Schemas.Kpi;

namespace DataBridge.Testing.Kpi;

/// <summary>
/// A Kafka for KPI tests: librdkafka's mock cluster with the value, gap and KPI topics, the product's own
/// <see cref="KafkaSink"/> to write value and gap records (as an edge bridge would), and a reader of the KPI topic.
/// Disposing stops everything it started.
/// </summary>
public sealed class KpiKafkaPlant : IAsyncDisposable
{
    public const string ValuesTopic = "databridge.values";
    public const string GapsTopic = "databridge.gaps";
    public const string KpiTopic = "databridge.kpi";

    private readonly KafkaMockCluster? _cluster;
    private readonly Dictionary<string, long> _sequence = new(StringComparer.Ordinal);

    private KpiKafkaPlant(KafkaMockCluster? cluster, string bootstrap, KafkaSink sink)
    {
        _cluster = cluster;
        BootstrapServers = bootstrap;
        Sink = sink;
    }

    public string BootstrapServers { get; }

    public KafkaSink Sink { get; }

    /// <summary>Starts a mock cluster (or uses KAFKA_BOOTSTRAP when set) and a sink writing to it.</summary>
    public static async Task<KpiKafkaPlant> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP");
        var cluster = string.IsNullOrWhiteSpace(external) ? KafkaMockCluster.Start(1) : null;
        var bootstrap = cluster?.BootstrapServers ?? external!;
        if (cluster is not null)
        {
            foreach (var topic in new[] { ValuesTopic, GapsTopic, KpiTopic, "databridge.metadata", "databridge.events" })
            {
                cluster.CreateTopic(topic, KafkaMockCluster.DefaultPartitions);
            }
        }

        var sink = await KafkaSink.StartAsync(new KafkaSinkOptions
        {
            BootstrapServers = bootstrap,
            BridgeId = "kpi-test-edge",
            CreateTopics = cluster is null,
            DeliveryTimeout = TimeSpan.FromSeconds(30),
        });
        return new KpiKafkaPlant(cluster, bootstrap, sink);
    }

    /// <summary>Writes one Good value record of <paramref name="source"/> with its next sequence number (or the given one).</summary>
    public async Task ValueAsync(string tagId, TagValue value, DateTime sourceTimestamp, string source = "plc1", long? sequence = null, uint status = StatusCodes.Good)
    {
        var seq = sequence ?? (_sequence.GetValueOrDefault(source) + 1);
        _sequence[source] = Math.Max(seq, _sequence.GetValueOrDefault(source));
        var asset = tagId.Contains('/', StringComparison.Ordinal) ? tagId[..tagId.LastIndexOf('/')] : tagId;
        var record = new TagValueRecord(source, seq, tagId, asset, value, new StatusCode(status), sourceTimestamp, sourceTimestamp, DateTime.UtcNow);
        await Sink.WriteAsync([record], CancellationToken.None);
    }

    public async Task GapAsync(string source, long first, long last) =>
        await Sink.WriteGapAsync(new GapRecord(source, first, last, GapReason.BufferOverflow, DateTime.UtcNow, "kpi-test-edge"), CancellationToken.None);

    /// <summary>Reads the KPI topic from the beginning until <paramref name="accept"/> returns true for a record.</summary>
    public KpiRecord WaitForKpi(Func<KpiRecord, bool> accept, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(accept);
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = "kpi-test-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Subscribe(KpiTopic);
        var deadline = DateTime.UtcNow + timeout;
        var seen = 0;
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result?.Message?.Value is not { } bytes)
                {
                    continue;
                }

                seen++;
                var record = KpiRecordSerializer.Read(bytes);
                if (result.Message.Key != record.AssetPath)
                {
                    throw new InvalidOperationException($"KPI record keyed '{result.Message.Key}' carries asset '{record.AssetPath}'");
                }

                if (accept(record))
                {
                    return record;
                }
            }
        }
        finally
        {
            consumer.Close();
        }

        throw new TimeoutException($"No matching KPI record within {timeout.TotalSeconds:0} s ({seen} records read from {KpiTopic}).");
    }

    public async ValueTask DisposeAsync()
    {
        await Sink.DisposeAsync();
        _cluster?.Dispose();
    }
}
