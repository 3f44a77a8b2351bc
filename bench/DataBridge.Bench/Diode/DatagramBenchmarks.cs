using BenchmarkDotNet.Attributes;
using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Packing;

namespace DataBridge.Bench.Diode;

/// <summary>
/// Per-datagram cost of the sender and receiver encoding layers at the default 1,400-byte payload: writing a
/// datagram with its HMAC-SHA256 tag, reading one back (structure, constant-time tag check, fields), and packing
/// 60-byte records (roughly one Avro tag value with its key) into payloads.
/// Run: bench/run.sh '*Diode*'
/// </summary>
[MemoryDiagnoser]
public class DatagramBenchmarks
{
    private readonly DatagramAuthenticator _key = new(DiodeKey.FromBytes(new byte[32] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 }));
    private readonly byte[] _payload = new byte[DatagramLimits.DefaultPayloadLength];
    private readonly byte[] _datagram = new byte[DatagramLimits.MaxDatagramLength];
    private readonly byte[] _value = new byte[60];
    private readonly byte[] _tagKey = "acme/plant7/press/line2/press07/temperature"u8.ToArray();
    private readonly CountingSink _sink = new();
    private RecordPacker _packer = null!;
    private int _length;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        new Random(2).NextBytes(_payload);
        _length = DatagramWriter.Write(_datagram, Header, _payload, _key);
        _packer = new RecordPacker(_sink);
    }

    private static DatagramHeader Header => new(DatagramKind.Data, 7, 1000, 30, 5, 32, 4, 0);

    [Benchmark(Description = "write + HMAC, 1400 B payload")]
    public int Write() => DatagramWriter.Write(_datagram, Header, _payload, _key);

    [Benchmark(Description = "read + verify, 1400 B payload")]
    public int Read() => DatagramReader.Read(_datagram.AsSpan(0, _length), _key).Payload.Length;

    [Benchmark(Description = "pack 1,000 records (43 B key, 60 B value)", OperationsPerInvoke = 1000)]
    public long Pack()
    {
        for (var i = 0; i < 1000; i++)
        {
            _packer.Add(1, "opcua-press07", _sequence++, _tagKey, _value);
        }

        return _sink.Bytes;
    }

    private sealed class CountingSink : IPayloadSink
    {
        public long Bytes { get; private set; }

        public void OnPayload(ReadOnlySpan<byte> payload) => Bytes += payload.Length;
    }
}
