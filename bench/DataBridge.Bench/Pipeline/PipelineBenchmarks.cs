using System.Buffers;
using BenchmarkDotNet.Attributes;
using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Pipeline;
using DataBridge.Bridge.Sinks;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Core;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using DataBridge.Configuration;

namespace DataBridge.Bench.Pipeline;

/// <summary>
/// One value's way through the edge: tag pipeline (scaling, deadband, report-by-exception, sequence number) and
/// Avro encoding of the record, as the Kafka sink does it. Each operation is one value; every value changes, so
/// every value becomes a record (the worst case for the encoder).
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const int Tags = 1_000;
    private SourcePipeline _pipeline = null!;
    private Sample[] _samples = null!;
    private int[] _slots = null!;
    private string _dir = null!;
    private double _tick;

    /// <summary>A sink that encodes every record to Avro into a reused buffer, like the Kafka sink before Produce.</summary>
    private sealed class EncodingSink : IRecordSink
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);

        public long Bytes { get; private set; }

        public ValueTask WriteAsync(IReadOnlyList<TagValueRecord> records, CancellationToken ct)
        {
            for (var i = 0; i < records.Count; i++)
            {
                _buffer.ResetWrittenCount();
                TagValueSerializer.Write(records[i], _buffer);
                Bytes += _buffer.WrittenCount;
            }

            return default;
        }

        public ValueTask WriteGapAsync(GapRecord gap, CancellationToken ct) => default;
        public ValueTask WriteEventAsync(BridgeEventRecord e, CancellationToken ct) => default;
        public ValueTask PublishMetadataAsync(IReadOnlyList<TagMetadataRecord> metadata, CancellationToken ct) => default;
        public ValueTask DisposeAsync() => default;
    }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("databridge-bench-").FullName;
        var tags = new TagDefinition[Tags];
        for (var i = 0; i < Tags; i++)
        {
            tags[i] = new ModbusTagDefinition
            {
                TagId = $"acme/plant7/press/line2/press{i / 10:00}/tag{i % 10}",
                Name = $"tag{i % 10}",
                AssetPath = $"acme/plant7/press/line2/press{i / 10:00}",
                Table = ModbusTable.HoldingRegister,
                Address = (ushort)(i * 2),
                DataType = ModbusDataType.Float32,
                PollGroup = "fast",
                AddressText = "holding:0",
                Scaling = new Scaling(0.1, 0),
                Deadband = 0.01,
                Location = new SourceLocation("bench.yaml", 1, 1),
            };
        }

        _pipeline = new SourcePipeline("bench", tags, SequenceStore.Open(_dir, "bench"), new EncodingSink(), TimeProvider.System, new BridgeStatistics(), NullLogger.Instance);
        _samples = new Sample[Tags];
        _slots = new int[Tags];
        for (var i = 0; i < Tags; i++)
        {
            _slots[i] = i;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pipeline.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>1,000 changing values through pipeline and Avro encoding; reported per value.</summary>
    [Benchmark(OperationsPerInvoke = Tags)]
    public ValueTask PipelineAndAvroPerValue()
    {
        _tick += 1;
        var now = DateTime.UtcNow;
        for (var i = 0; i < _samples.Length; i++)
        {
            _samples[i] = Sample.Good(TagValue.FromFloat((float)(_tick + i)), now);
        }

        return _pipeline.ProcessAsync(_samples, _slots, CancellationToken.None);
    }
}
