using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Packing;
using DataBridge.Diode.Receiving;
using DataBridge.Diode.Sending;

namespace DataBridge.Bench.Diode;

/// <summary>
/// End to end on loopback, in one process: 20,000 records (43-byte key, 60-byte value) through the diode sender
/// (packing, FEC 224 + 25, HMAC, connected UDP socket, no rate limit) to a <see cref="UdpDiodeReceiver"/>, timed until
/// the receiver has accounted for every record; against a plain UDP send loop of the same datagrams (the most any
/// sender can do through this kernel). Per-record time × 20,000 = one run; Gb/s = 20,000 × 103 B × 8 / run time.
/// Run: bench/run.sh '*EndToEnd*'
/// </summary>
[MemoryDiagnoser]
public class EndToEndDiodeBenchmarks
{
    private const int Records = 20_000;
    private static readonly byte[] Key = "acme/plant7/press/line2/press07/temperature"u8.ToArray();

    private readonly DatagramAuthenticator _key = new(DiodeKey.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
    private readonly byte[] _value = new byte[60];
    private readonly CountingOutput _output = new();
    private List<byte[]> _datagrams = [];
    private DiodeReceiverCore _core = null!;
    private UdpDiodeReceiver _receiver = null!;
    private UdpSendOnlyTransport _transport = null!;
    private Socket _sink = null!;
    private Socket _plain = null!;
    private long _offset;

    [GlobalSetup]
    public void Setup()
    {
        _core = new DiodeReceiverCore(_key, _output, new DiodeReceiverOptions { InitialSequence = 1 });
        _receiver = UdpDiodeReceiver.Start(new IPEndPoint(IPAddress.Loopback, 0), _core);
        _transport = new UdpSendOnlyTransport(_receiver.LocalEndPoint);

        // The baseline's datagrams: the same records, framed once; sent to a socket nobody reads.
        var capture = new CaptureTransport();
        new DiodeSender(new DiodeSenderOptions(), _key, capture).RunAsync(new ArraySource(Records, 1_000_000_000, _value), CancellationToken.None).GetAwaiter().GetResult();
        _datagrams = capture.Datagrams;
        _sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _plain = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _plain.Connect(_sink.LocalEndPoint!);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _receiver.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _core.Dispose();
        _transport.Dispose();
        _sink.Dispose();
        _plain.Dispose();
    }

    [Benchmark(Description = "diode sender -> loopback -> receiver, per record", OperationsPerInvoke = Records)]
    public async Task Diode()
    {
        var first = 1 + _offset;
        _offset += Records;
        var target = _offset;
        await new DiodeSender(new DiodeSenderOptions(), _key, _transport).RunAsync(new ArraySource(Records, first, _value), CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_output.Accounted < target)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The receiver accounted for {_output.Accounted} of {target} records.");
            }

            await Task.Yield();
        }
    }

    [Benchmark(Baseline = true, Description = "plain UDP send loop of the same datagrams, per record", OperationsPerInvoke = Records)]
    public void PlainUdp()
    {
        foreach (var datagram in _datagrams)
        {
            _plain.Send(datagram);
        }
    }

    private sealed class CountingOutput : IDiodeReceiverOutput
    {
        private long _accounted;

        public long Accounted => Volatile.Read(ref _accounted);

        public void OnRecord(in PackedRecord record) => Interlocked.Increment(ref _accounted);

        public void OnGap(in DiodeGap gap) => Interlocked.Add(ref _accounted, gap.Count);
    }

    private sealed class CaptureTransport : IDatagramTransport
    {
        public List<byte[]> Datagrams { get; } = [];

        public void Send(ReadOnlySpan<byte> datagram) => Datagrams.Add(datagram.ToArray());
    }

    private sealed class ArraySource(int count, long first, byte[] value) : IDiodeRecordSource
    {
        private int _next;

        public bool TryRead(out DiodeRecord record)
        {
            if (_next == count)
            {
                record = default;
                return false;
            }

            record = new DiodeRecord("opcua-press07", first + _next, 1, Key, value, _next);
            _next++;
            return true;
        }

        public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_next < count);

        public void OnBlockSent(ulong blockId, long position)
        {
        }
    }
}
