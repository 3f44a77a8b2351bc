using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace DataBridge.DevKafka;

/// <summary>
/// librdkafka's built-in mock Kafka cluster, hosted in this process: real Kafka protocol over real TCP on
/// 127.0.0.1 (random ports), so Confluent.Kafka clients and <c>kcat</c> in other processes can use it.
/// For tests and <c>databridge dev-kafka</c>; never for production data (it keeps everything in memory).
/// </summary>
/// <remarks>
/// Topics are auto-created on first use with <see cref="DefaultPartitions"/> partitions (librdkafka's mock default)
/// and a replication factor of the broker count; CreateTopics is not supported (use <see cref="CreateTopic"/>). Broker ids are 1..N.
/// </remarks>
public sealed class KafkaMockCluster : IDisposable
{
    /// <summary>Partitions of a topic the mock auto-creates on first produce or metadata request (librdkafka's default).</summary>
    public const int DefaultPartitions = 4;

    // rd_kafka_type_t RD_KAFKA_PRODUCER.
    private const int ProducerType = 0;
    private const int ErrorBufferSize = 512;

    private readonly RdKafkaNative _native;
    private IntPtr _handle;
    private IntPtr _cluster;

    private KafkaMockCluster(RdKafkaNative native, IntPtr handle, IntPtr cluster, int brokerCount)
    {
        _native = native;
        _handle = handle;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(native.ClusterBootstraps(cluster))
                           ?? throw new InvalidOperationException("rd_kafka_mock_cluster_bootstraps returned nothing.");
    }

    /// <summary>Comma-separated <c>127.0.0.1:port</c> of every mock broker.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers (ids 1..BrokerCount).</summary>
    public int BrokerCount { get; }

    /// <summary>Path of the librdkafka file hosting the cluster (for diagnostics).</summary>
    public static string LibraryPath => RdKafkaNative.Instance.Path;

    /// <summary>Starts a mock cluster of <paramref name="brokerCount"/> brokers.</summary>
    /// <exception cref="InvalidOperationException">librdkafka could not create the cluster (its reason is in the message).</exception>
    public static KafkaMockCluster Start(int brokerCount = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        var native = RdKafkaNative.Instance;
        var errors = Marshal.AllocHGlobal(ErrorBufferSize);
        try
        {
            var conf = native.ConfNew();

            // The throwaway handle only owns the cluster: it has no brokers to talk to, so keep its log to errors.
            _ = native.ConfSet(conf, "log_level", "3", errors, ErrorBufferSize);
            _ = native.ConfSet(conf, "client.id", "databridge-mock-cluster", errors, ErrorBufferSize);
            var handle = native.KafkaNew(ProducerType, conf, errors, ErrorBufferSize);
            if (handle == IntPtr.Zero)
            {
                throw new InvalidOperationException("rd_kafka_new failed: " + Marshal.PtrToStringUTF8(errors));
            }

            var cluster = native.ClusterNew(handle, brokerCount);
            if (cluster == IntPtr.Zero)
            {
                native.KafkaDestroy(handle);
                throw new InvalidOperationException("rd_kafka_mock_cluster_new failed (could not listen on 127.0.0.1?).");
            }

            // The mock reports no controller unless told, and admin requests (CreateTopics) wait for one.
            _ = native.SetControllerId(cluster, 1);
            return new KafkaMockCluster(native, handle, cluster, brokerCount);
        }
        finally
        {
            Marshal.FreeHGlobal(errors);
        }
    }

    /// <summary>Disconnects the broker and refuses new connections (leadership does not move: produce stalls until it is up).</summary>
    public void SetBrokerDown(int brokerId) => Check(_native.BrokerSetDown(Cluster, brokerId), nameof(SetBrokerDown));

    /// <summary>Lets the broker accept connections again.</summary>
    public void SetBrokerUp(int brokerId) => Check(_native.BrokerSetUp(Cluster, brokerId), nameof(SetBrokerUp));

    /// <summary>Delays every response of the broker by <paramref name="rtt"/>.</summary>
    public void SetRtt(int brokerId, TimeSpan rtt) => Check(_native.BrokerSetRtt(Cluster, brokerId, (int)rtt.TotalMilliseconds), nameof(SetRtt));

    /// <summary>
    /// Makes the next requests of Kafka API <paramref name="apiKey"/> (e.g. 0 = Produce) fail with the given
    /// error codes, one per request, in order.
    /// </summary>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        _native.PushRequestErrorsArray(Cluster, apiKey, (UIntPtr)errors.Length, Array.ConvertAll(errors, e => (int)e));
    }

    /// <summary>
    /// Sets the controller the cluster metadata names; -1 names none, like a cluster whose controller quorum has no
    /// leader (admin requests such as CreateTopics then wait for one and time out).
    /// </summary>
    public void SetControllerId(int brokerId) => Check(_native.SetControllerId(Cluster, brokerId), nameof(SetControllerId));

    /// <summary>Creates a topic with an explicit partition count (instead of waiting for auto-creation).</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1) =>
        Check(_native.TopicCreate(Cluster, topic, partitions, replicationFactor), nameof(CreateTopic));

    /// <summary>Stops every broker and frees the cluster; clients still connected see disconnects.</summary>
    public void Dispose()
    {
        if (_cluster != IntPtr.Zero)
        {
            // librdkafka requires the mock cluster to go before the handle that created it.
            _native.ClusterDestroy(_cluster);
            _cluster = IntPtr.Zero;
            _native.KafkaDestroy(_handle);
            _handle = IntPtr.Zero;
        }
    }

    private IntPtr Cluster => _cluster != IntPtr.Zero ? _cluster : throw new ObjectDisposedException(nameof(KafkaMockCluster));

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"{what} failed: librdkafka error {(ErrorCode)error}.");
        }
    }
}
