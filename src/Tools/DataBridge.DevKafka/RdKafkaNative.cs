using System.Globalization;
using System.Runtime.InteropServices;

namespace DataBridge.DevKafka;

/// <summary>
/// The few librdkafka C functions the mock cluster needs, bound to the very librdkafka file Confluent.Kafka
/// already loaded (found in <c>/proc/self/maps</c>), through function pointers: a second copy of the library
/// would own a second set of globals, and a DllImport resolver is one-per-assembly, so neither is used.
/// </summary>
internal sealed class RdKafkaNative
{
    private static readonly Lazy<RdKafkaNative> Shared = new(Load);

    private RdKafkaNative(IntPtr library, string path)
    {
        Path = path;
        ConfNew = Get<ConfNewFn>(library, "rd_kafka_conf_new");
        ConfSet = Get<ConfSetFn>(library, "rd_kafka_conf_set");
        KafkaNew = Get<KafkaNewFn>(library, "rd_kafka_new");
        KafkaDestroy = Get<PtrFn>(library, "rd_kafka_destroy");
        ClusterNew = Get<ClusterNewFn>(library, "rd_kafka_mock_cluster_new");
        ClusterBootstraps = Get<PtrToPtrFn>(library, "rd_kafka_mock_cluster_bootstraps");
        ClusterDestroy = Get<PtrFn>(library, "rd_kafka_mock_cluster_destroy");
        BrokerSetDown = Get<BrokerFn>(library, "rd_kafka_mock_broker_set_down");
        BrokerSetUp = Get<BrokerFn>(library, "rd_kafka_mock_broker_set_up");
        BrokerSetRtt = Get<BrokerRttFn>(library, "rd_kafka_mock_broker_set_rtt");
        PushRequestErrorsArray = Get<PushErrorsFn>(library, "rd_kafka_mock_push_request_errors_array");
        TopicCreate = Get<TopicCreateFn>(library, "rd_kafka_mock_topic_create");
        SetControllerId = Get<BrokerFn>(library, "rd_kafka_mock_set_controller_id");
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate IntPtr ConfNewFn();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate int ConfSetFn(IntPtr conf, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, IntPtr errstr, UIntPtr errstrSize);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate IntPtr KafkaNewFn(int type, IntPtr conf, IntPtr errstr, UIntPtr errstrSize);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate void PtrFn(IntPtr handle);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate IntPtr PtrToPtrFn(IntPtr handle);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate IntPtr ClusterNewFn(IntPtr rk, int brokerCount);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate int BrokerFn(IntPtr cluster, int brokerId);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate int BrokerRttFn(IntPtr cluster, int brokerId, int rttMs);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate void PushErrorsFn(IntPtr cluster, short apiKey, UIntPtr count, int[] errors);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate int TopicCreateFn(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    public static RdKafkaNative Instance => Shared.Value;

    public string Path { get; }

    public ConfNewFn ConfNew { get; }

    public ConfSetFn ConfSet { get; }

    public KafkaNewFn KafkaNew { get; }

    public PtrFn KafkaDestroy { get; }

    public ClusterNewFn ClusterNew { get; }

    public PtrToPtrFn ClusterBootstraps { get; }

    public PtrFn ClusterDestroy { get; }

    public BrokerFn BrokerSetDown { get; }

    public BrokerFn BrokerSetUp { get; }

    public BrokerRttFn BrokerSetRtt { get; }

    public PushErrorsFn PushRequestErrorsArray { get; }

    public TopicCreateFn TopicCreate { get; }

    public BrokerFn SetControllerId { get; }

    private static RdKafkaNative Load()
    {
        // Makes Confluent.Kafka load its librdkafka (on this Linux: runtimes/linux-x64/native/centos8-librdkafka.so).
        _ = Confluent.Kafka.Library.Version;
        var path = FindLoadedLibrary()
                   ?? throw new InvalidOperationException("librdkafka is not mapped into this process although Confluent.Kafka loaded it; " +
                                                          "the mock cluster needs Linux (/proc/self/maps).");
        return new RdKafkaNative(NativeLibrary.Load(path), path);
    }

    private static string? FindLoadedLibrary()
    {
        if (!File.Exists("/proc/self/maps"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            // Format: address perms offset dev inode pathname; the path is the last column and starts with '/'.
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0 && line.Contains("librdkafka", StringComparison.Ordinal) && line.EndsWith(".so", StringComparison.Ordinal))
            {
                return line[slash..];
            }
        }

        return null;
    }

    private static T Get<T>(IntPtr library, string name)
        where T : Delegate
    {
        if (!NativeLibrary.TryGetExport(library, name, out var address))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"librdkafka at this path does not export {name}; Confluent.Kafka 2.16's bundled librdkafka does."));
        }

        return Marshal.GetDelegateForFunctionPointer<T>(address);
    }
}
