using System.Buffers;
using CsCheck;
using DataBridge.Schemas.Binary;
using DataBridge.Schemas.Serialization;

namespace DataBridge.Schemas.Tests;

public sealed class DecoderRobustnessTests
{
    private static readonly Func<byte[], object>[] Decoders =
    [
        b => TagValueSerializer.Read(b),
        b => TagMetadataSerializer.Read(b),
        b => GapSerializer.Read(b),
        b => BridgeEventSerializer.Read(b),
    ];

    [Fact]
    public void Random_bytes_give_a_record_or_a_typed_decode_error()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            foreach (var decode in Decoders)
            {
                DecodeOrTypedError(decode, bytes);
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Mutated_valid_records_give_a_record_or_a_typed_decode_error()
    {
        // Flipping bytes of real records reaches deeper than random noise (past the first strings).
        Gen.Select(Generators.TagValueRecord, Gen.Int[0, 1000], Gen.Byte).Sample((record, at, b) =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            TagValueSerializer.Write(record, buffer);
            var bytes = buffer.WrittenSpan.ToArray();
            bytes[at % bytes.Length] = b;
            DecodeOrTypedError(Decoders[0], bytes);
            DecodeOrTypedError(Decoders[0], bytes[..(at % bytes.Length)]);
        }, iter: 20_000);
    }

    [Fact]
    public void A_hostile_string_length_is_rejected_before_anything_is_allocated()
    {
        // tagId claims 1 GiB (zig-zag varint of 2^30) while 3 bytes follow.
        var w = new ArrayBufferWriter<byte>();
        new AvroWriter(w).WriteLong(1L << 30);
        byte[] hostile = [.. w.WrittenSpan, 1, 2, 3];
        _ = Assert.Throws<AvroDecodeException>(() => TagValueSerializer.Read(hostile)); // warm up the JIT
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<AvroDecodeException>(() => TagValueSerializer.Read(hostile));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, e.Offset);
        Assert.True(allocated < 64 * 1024, $"decoder allocated {allocated} bytes for a hostile length");
    }

    [Fact]
    public void A_hostile_map_count_is_rejected_before_anything_is_allocated()
    {
        var w = new ArrayBufferWriter<byte>();
        var a = new AvroWriter(w);
        a.WriteString("bridge");
        a.WriteEnum(1);
        a.WriteLong(0);
        a.WriteString("");
        a.WriteBlockCount(int.MaxValue);
        var hostile = w.WrittenSpan.ToArray();
        _ = Assert.Throws<AvroDecodeException>(() => BridgeEventSerializer.Read(hostile));
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<AvroDecodeException>(() => BridgeEventSerializer.Read(hostile));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }

    private static void DecodeOrTypedError(Func<byte[], object> decode, byte[] bytes)
    {
        try
        {
            _ = decode(bytes);
        }
        catch (AvroDecodeException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Message));
        }
    }
}
