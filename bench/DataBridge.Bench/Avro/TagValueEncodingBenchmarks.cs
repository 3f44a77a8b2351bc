using System.Buffers;
using Avro.Generic;
using Avro.IO;
using BenchmarkDotNet.Attributes;
using DataBridge.Core;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;

namespace DataBridge.Bench.Avro;

/// <summary>
/// Avro encoding cost per TagValueRecord: the span writer the sink uses, against Apache.Avro's generic writer
/// (what a naive implementation would do), plus decoding.
/// Run: dotnet run -c Release --project bench/DataBridge.Bench -- --filter '*TagValueEncoding*' --job short
/// </summary>
[MemoryDiagnoser]
public class TagValueEncodingBenchmarks
{
    private static readonly DateTime T = new(2026, 11, 24, 23, 0, 0, DateTimeKind.Utc);
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly MemoryStream _stream = new(512);
    private readonly GenericDatumWriter<GenericRecord> _genericWriter = new(AvroSchemas.TagValue);
    private TagValueRecord _double;
    private TagValueRecord _string;
    private GenericRecord _generic = null!;
    private byte[] _encoded = [];

    [GlobalSetup]
    public void Setup()
    {
        _double = new TagValueRecord("opcua-press07", 123_456_789, "acme/plant7/press/line2/press07/temperature", "acme/plant7/press/line2/press07",
            TagValue.FromDouble(71.25), new StatusCode(StatusCodes.Good), T, T, T);
        _string = _double with { Value = TagValue.FromString("RUNNING"), Quality = new StatusCode(StatusCodes.BadTimeout) };
        _generic = new GenericRecord(AvroSchemas.TagValue);
        _generic.Add("tagId", _double.TagId);
        _generic.Add("assetPath", _double.AssetPath);
        _generic.Add("value", 71.25d);
        _generic.Add("valueType", "Double");
        _generic.Add("qualityCode", 0L);
        _generic.Add("qualityText", "Good");
        _generic.Add("sourceTimestamp", T);
        _generic.Add("serverTimestamp", T);
        _generic.Add("bridgeTimestamp", T);
        _generic.Add("sourceId", _double.SourceId);
        _generic.Add("sequence", _double.Sequence);
        TagValueSerializer.Write(_double, _buffer);
        _encoded = _buffer.WrittenSpan.ToArray();
    }

    [Benchmark(Baseline = true, Description = "DataBridge span writer, double value")]
    public int EncodeDouble()
    {
        _buffer.ResetWrittenCount();
        TagValueSerializer.Write(_double, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "DataBridge span writer, string value, Bad quality")]
    public int EncodeString()
    {
        _buffer.ResetWrittenCount();
        TagValueSerializer.Write(_string, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "DataBridge span writer + exact byte[] (what the Kafka sink hands Confluent.Kafka)")]
    public byte[] EncodeToArray()
    {
        _buffer.ResetWrittenCount();
        TagValueSerializer.Write(_double, _buffer);
        return _buffer.WrittenSpan.ToArray();
    }

    [Benchmark(Description = "Apache.Avro GenericDatumWriter, double value")]
    public long EncodeApacheGeneric()
    {
        _stream.Position = 0;
        _genericWriter.Write(_generic, new BinaryEncoder(_stream));
        return _stream.Position;
    }

    [Benchmark(Description = "DataBridge decoder")]
    public long Decode() => TagValueSerializer.Read(_encoded).Sequence;
}
