using System.Buffers;
using CsCheck;
using DataBridge.Schemas.Binary;
using DataBridge.Schemas.Serialization;

namespace DataBridge.Schemas.Tests;

public sealed class GuardedGenericReaderTests
{
    private static readonly Avro.RecordSchema[] Schemas = [AvroSchemas.TagValue, AvroSchemas.TagMetadata, AvroSchemas.Gap, AvroSchemas.BridgeEvent];

    [Fact]
    public void Valid_records_pass_the_validator_and_decode()
    {
        var reader = new GuardedGenericReader(AvroSchemas.TagValue);
        Generators.TagValueRecord.Sample(record =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            TagValueSerializer.Write(record, buffer);
            Assert.Equal(record.TagId, reader.Read(buffer.WrittenSpan.ToArray())["tagId"]);
        }, iter: 500);
    }

    [Fact]
    public void Random_bytes_give_a_generic_record_or_a_typed_decode_error()
    {
        var readers = Array.ConvertAll(Schemas, s => new GuardedGenericReader(s));
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            foreach (var reader in readers)
            {
                try
                {
                    _ = reader.Read(bytes);
                }
                catch (AvroDecodeException)
                {
                }
            }
        }, iter: 10_000);
    }

    [Fact]
    public void A_hostile_length_is_rejected_before_apache_avro_allocates_it()
    {
        // tagId claims 1 GiB. Apache.Avro's BinaryDecoder.ReadString would rent a 1 GiB buffer for it.
        var w = new ArrayBufferWriter<byte>();
        new AvroWriter(w).WriteLong(1L << 30);
        byte[] hostile = [.. w.WrittenSpan, 1, 2, 3];
        var reader = new GuardedGenericReader(AvroSchemas.TagValue);
        _ = Assert.Throws<AvroDecodeException>(() => reader.Read(hostile));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<AvroDecodeException>(() => reader.Read(hostile));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
        Assert.Contains("exceeds", e.Message, StringComparison.Ordinal);
    }
}
