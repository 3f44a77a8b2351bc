using BenchmarkDotNet.Attributes;
using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Fec;

namespace DataBridge.Bench.Diode;

/// <summary>
/// Reed–Solomon erasure coding of the default block: 32 data symbols of 1,400 bytes (44,800 bytes of payload) + 4
/// parity, on one core, per kernel (the scalar one is the fallback on CPUs without SSSE3). MB/s = 44,800 B / mean time.
/// Run: bench/run.sh '*Diode*'
/// </summary>
[MemoryDiagnoser]
public class FecEncodeBenchmarks
{
    private const int K = 32;
    private const int M = 4;
    private const int Size = DatagramLimits.DefaultPayloadLength;

    private readonly ReedSolomonCode _code = new(K, M);
    private readonly byte[] _data = new byte[K * Size];
    private readonly byte[] _parity = new byte[M * Size];

    [Params(GfKernel.Scalar, GfKernel.Avx2, GfKernel.Gfni)]
    public GfKernel Kernel { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_data);
    }

    [Benchmark(Description = "encode 32+4 x 1400 B")]
    public void Encode() => _code.Encode(Kernel, _data, Size, _parity);
}
