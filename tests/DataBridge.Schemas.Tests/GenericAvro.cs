using System.Buffers;
using Avro;
using Avro.Generic;
using Avro.IO;

namespace DataBridge.Schemas.Tests;

/// <summary>Apache.Avro's own generic reader: the independent judge of what the hand-ordered writer produced.</summary>
internal static class GenericAvro
{
    public static GenericRecord Read(Schema schema, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var reader = new GenericDatumReader<GenericRecord>(schema, schema);
        var record = reader.Read(null!, new BinaryDecoder(stream));
        Assert.True(stream.Position == bytes.Length, $"generic reader consumed {stream.Position} of {bytes.Length} bytes: the writer's field order drifted from the schema");
        return record;
    }

    public static byte[] Write(Schema schema, GenericRecord record)
    {
        using var stream = new MemoryStream();
        new GenericDatumWriter<GenericRecord>(schema).Write(record, new BinaryEncoder(stream));
        return stream.ToArray();
    }

    public static byte[] Encode<T>(T record, Action<T, IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(record, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
