using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DataBridge.Kpi.Engine;
using DataBridge.Schemas.Serialization;

namespace DataBridge.Bench.Kpi;

/// <summary>
/// Values per second through the KPI engine on one core (the issue asks for 50,000/s). Each operation is one value:
/// <c>Ingest</c> is the engine alone, <c>DecodeAndIngest</c> adds the Avro decoding the service does per Kafka
/// message, <c>Compute</c> is one KPI computation of 100 cells over a 1-hour history of 200,000 values.
/// Run: <c>dotnet run -c Release --project bench/DataBridge.Bench -- --filter '*KpiEngine*'</c> (in-process, core 0).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OneCoreInProcess))]
public class KpiEngineBenchmarks
{
    /// <summary>
    /// In-process (the shared build machine is too slow for BenchmarkDotNet's generated project) and pinned to one
    /// core, which is the claim being measured.
    /// </summary>
    private sealed class OneCoreInProcess : ManualConfig
    {
        public OneCoreInProcess() => AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithWarmupCount(2)
            .WithIterationCount(8)
            .WithAffinity(1));
    }

    private const int ValueCount = 200_000;

    private KpiValue[] _values = [];
    private byte[][] _encoded = [];
    private KpiEngine _engine = null!;
    private KpiEngine _loaded = null!;

    [GlobalSetup]
    public void Setup()
    {
        _values = KpiWorkload.Values(ValueCount, TimeSpan.FromHours(1));
        _encoded = KpiWorkload.Encode(_values);
        _loaded = NewEngine();
        foreach (var v in _values)
        {
            _loaded.Ingest(v);
        }
    }

    [IterationSetup(Targets = [nameof(Ingest), nameof(DecodeAndIngest)])]
    public void FreshEngine() => _engine = NewEngine();

    [Benchmark(OperationsPerInvoke = ValueCount)]
    public long Ingest()
    {
        var engine = _engine;
        foreach (var v in _values)
        {
            engine.Ingest(v);
        }

        return engine.AcceptedCount;
    }

    [Benchmark(OperationsPerInvoke = ValueCount)]
    public long DecodeAndIngest()
    {
        var engine = _engine;
        foreach (var bytes in _encoded)
        {
            var r = TagValueSerializer.Read(bytes);
            engine.Ingest(new KpiValue(r.SourceId, (ulong)r.Sequence, r.TagId, r.Value, r.Quality, r.SourceTimestamp));
        }

        return engine.AcceptedCount;
    }

    [Benchmark]
    public int Compute() => _loaded.Compute().Results.Count;

    private static KpiEngine NewEngine() =>
        new(KpiWorkload.Model(), new FixedTime(KpiWorkload.Start.AddHours(1)));
}
