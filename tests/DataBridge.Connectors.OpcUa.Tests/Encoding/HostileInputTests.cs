using System.Buffers;
using System.Buffers.Binary;
using CsCheck;
using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Tests.Encoding;

/// <summary>Malformed, truncated and oversized input gives OpcUaDecodingException, bounded allocation and no crash.</summary>
public sealed class HostileInputTests
{
    private static readonly ReadFunc<object?>[] Readers =
    [
        (ref OpcUaBinaryReader r) => r.ReadVariant(),
        (ref OpcUaBinaryReader r) => r.ReadDataValue(),
        (ref OpcUaBinaryReader r) => r.ReadDiagnosticInfo(),
        (ref OpcUaBinaryReader r) => r.ReadExtensionObject(),
        (ref OpcUaBinaryReader r) => r.ReadExpandedNodeId(),
        (ref OpcUaBinaryReader r) => r.ReadLocalizedText(),
        (ref OpcUaBinaryReader r) => r.ReadStringArray(),
        (ref OpcUaBinaryReader r) => r.ReadVariantArray(),
        (ref OpcUaBinaryReader r) => r.ReadDataValueArray(),
    ];

    private static void OnlyDecodingErrors(byte[] bytes, DecodingLimits? limits = null)
    {
        foreach (var read in Readers)
        {
            try
            {
                var reader = new OpcUaBinaryReader(bytes, limits, TestPoint.Registry);
                read(ref reader);
            }
            catch (OpcUaDecodingException e)
            {
                Assert.True(e.StatusCode.Code is StatusCodes.BadDecodingError or StatusCodes.BadEncodingLimitsExceeded, e.Message);
            }
        }
    }

    private static OpcUaDecodingException Fails(byte[] bytes, ReadFunc<object?> read, DecodingLimits? limits = null) =>
        Assert.Throws<OpcUaDecodingException>(() =>
        {
            var reader = new OpcUaBinaryReader(bytes, limits, TestPoint.Registry);
            read(ref reader);
        });

    [Fact]
    public void Random_bytes_give_only_decoding_errors() =>
        Gen.Byte.Array[0, 64].Sample(bytes => OnlyDecodingErrors(bytes), iter: 20_000);

    [Fact]
    public void Random_bytes_after_a_plausible_variant_mask_give_only_decoding_errors() =>
        Gen.Select(Gen.Byte[0x80, 0xD9], Gen.Byte.Array[0, 64], (mask, rest) => (byte[])[mask, .. rest])
            .Sample(bytes => OnlyDecodingErrors(bytes), iter: 20_000);

    [Fact]
    public void Corrupted_valid_encodings_give_only_decoding_errors() =>
        Gen.Select(Gens.AnyDataValue(2), Gen.Int, Gen.Byte, (dv, at, value) => (dv, at, value)).Sample(t =>
        {
            var bytes = Wire.Encode((ref OpcUaBinaryWriter w) => w.WriteDataValue(t.dv));
            bytes[(int)((uint)t.at % (uint)bytes.Length)] = t.value;
            OnlyDecodingErrors(bytes, new DecodingLimits { MaxArrayLength = 64, MaxStringLength = 64, MaxNestingDepth = 8 });
        }, iter: 5_000);

    [Fact]
    public void Every_truncation_of_a_valid_data_value_is_a_decoding_error() =>
        Gens.AnyDataValue(2).Sample(dv =>
        {
            var bytes = Wire.Encode((ref OpcUaBinaryWriter w) => w.WriteDataValue(dv));
            for (var n = 0; n < bytes.Length; n++)
            {
                var e = Fails(bytes[..n], (ref OpcUaBinaryReader r) => r.ReadDataValue());
                Assert.Equal(StatusCodes.BadDecodingError, e.StatusCode.Code);
            }
        }, iter: 200);

    [Fact]
    public void A_claimed_two_billion_element_array_is_refused_before_allocating()
    {
        byte[] bytes = [0x00, 0x94, 0x35, 0x77, 1, 2, 3, 4]; // 2,000,000,000 elements claimed, 4 bytes present
        var generous = new DecodingLimits { MaxArrayLength = int.MaxValue };
        Fails(bytes, (ref OpcUaBinaryReader r) => r.ReadInt32Array(), generous); // warm up (JIT, exception machinery)

        var before = GC.GetAllocatedBytesForCurrentThread();
        var limited = Fails(bytes, (ref OpcUaBinaryReader r) => r.ReadInt32Array());
        var truncated = Fails(bytes, (ref OpcUaBinaryReader r) => r.ReadInt32Array(), generous);
        var variant = Fails([0x86, .. bytes], (ref OpcUaBinaryReader r) => r.ReadVariant(), generous);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
        Assert.Equal(StatusCodes.BadEncodingLimitsExceeded, limited.StatusCode.Code);
        Assert.Equal(2_000_000_000, limited.Value);
        Assert.Equal(DecodingLimits.Default.MaxArrayLength, limited.Limit);
        Assert.Equal(StatusCodes.BadDecodingError, truncated.StatusCode.Code);
        Assert.Equal(StatusCodes.BadDecodingError, variant.StatusCode.Code);
    }

    [Fact]
    public void A_string_longer_than_the_limit_names_the_field_the_length_and_the_limit()
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, 5_000_000);
        var e = Fails(bytes, (ref OpcUaBinaryReader r) => r.ReadString("ServerUri"));
        Assert.Equal("ServerUri", e.FieldName);
        Assert.Equal(5_000_000, e.Value);
        Assert.Equal(DecodingLimits.Default.MaxStringLength, e.Limit);
        Assert.Equal(StatusCodes.BadEncodingLimitsExceeded, e.StatusCode.Code);
        Assert.Contains("ServerUri", e.Message, StringComparison.Ordinal);
        Assert.Contains("DecodingLimits", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_lengths_other_than_minus_one_are_decoding_errors()
    {
        Assert.Equal(StatusCodes.BadDecodingError, Fails([0xFE, 0xFF, 0xFF, 0xFF], (ref OpcUaBinaryReader r) => r.ReadString()).StatusCode.Code);
        Assert.Equal(StatusCodes.BadDecodingError, Fails([0x00, 0x00, 0x00, 0x80], (ref OpcUaBinaryReader r) => r.ReadByteStringArray()).StatusCode.Code);
    }

    [Fact]
    public void A_message_larger_than_the_limit_is_refused_at_once()
    {
        var e = Assert.Throws<OpcUaDecodingException>(() => new OpcUaBinaryReader(new byte[101], new DecodingLimits { MaxMessageSize = 100 }));
        Assert.Equal(StatusCodes.BadEncodingLimitsExceeded, e.StatusCode.Code);
    }

    [Fact]
    public void Diagnostic_info_nesting_stops_at_the_limit()
    {
        static byte[] Chain(int levels) => [.. Enumerable.Repeat((byte)0x40, levels - 1), 0x01, 0, 0, 0, 0];

        var ok = Wire.Decode(Chain(100), (ref OpcUaBinaryReader r) => r.ReadDiagnosticInfo());
        Assert.NotNull(ok);
        var e = Fails(Chain(101), (ref OpcUaBinaryReader r) => r.ReadDiagnosticInfo());
        Assert.Equal(StatusCodes.BadEncodingLimitsExceeded, e.StatusCode.Code);
        Assert.Equal(101, e.Value);
        Fails(Chain(100_000), (ref OpcUaBinaryReader r) => r.ReadDiagnosticInfo()); // no stack overflow
    }

    [Fact]
    public void Variants_nested_in_arrays_stop_at_the_limit()
    {
        var bytes = new List<byte>();
        for (var i = 0; i < 100_000; i++)
        {
            bytes.AddRange([0x98, 1, 0, 0, 0]); // an array of one Variant, containing…
        }

        bytes.Add(0);
        var e = Fails([.. bytes], (ref OpcUaBinaryReader r) => r.ReadVariant());
        Assert.Equal(StatusCodes.BadEncodingLimitsExceeded, e.StatusCode.Code);
    }

    [Fact]
    public void Variants_inside_extension_objects_stop_at_the_limit()
    {
        // Variant(ExtensionObject(TestPoint { Nested = Variant(ExtensionObject(TestPoint { … })) })), built inside out.
        var point = new TestPoint { Label = "leaf" };
        for (var i = 0; i < 120; i++)
        {
            point = new TestPoint { Label = "n", Nested = new Variant(new ExtensionObject(point)) };
        }

        var bytes = Wire.Encode((ref OpcUaBinaryWriter w) => w.WriteVariant(new Variant(new ExtensionObject(point))));
        var e = Fails(bytes, (ref OpcUaBinaryReader r) => r.ReadVariant());
        Assert.Equal(StatusCodes.BadEncodingLimitsExceeded, e.StatusCode.Code);

        // Without the registry the bodies stay bytes, so the same input is fine.
        var reader = new OpcUaBinaryReader(bytes);
        Assert.Equal(BuiltInType.ExtensionObject, reader.ReadVariant().Type);
    }

    [Fact]
    public void Matrix_dimensions_that_do_not_match_the_element_count_are_decoding_errors()
    {
        // Int32 matrix, 2 elements, dimensions [2,2].
        byte[] bytes = [0xC6, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0];
        Assert.Equal(StatusCodes.BadDecodingError, Fails(bytes, (ref OpcUaBinaryReader r) => r.ReadVariant()).StatusCode.Code);
    }

    [Fact]
    public void Unknown_node_id_encodings_and_variant_types_are_decoding_errors()
    {
        Fails([0x06, 0, 0], (ref OpcUaBinaryReader r) => r.ReadNodeId());
        Fails([0x20], (ref OpcUaBinaryReader r) => r.ReadVariant()); // type 32
        Fails([0x18, 0], (ref OpcUaBinaryReader r) => r.ReadVariant()); // scalar Variant in a Variant
        Fails([0x00, 0x00, 0x03], (ref OpcUaBinaryReader r) => r.ReadExtensionObject()); // encoding byte 3
    }

    [Fact]
    public void Writer_and_reader_agree_on_the_buffer_they_share()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new OpcUaBinaryWriter(buffer);
        w.WriteString("a");
        w.WriteInt32(7);
        var r = new OpcUaBinaryReader(buffer.WrittenSpan);
        Assert.Equal("a", r.ReadString());
        Assert.Equal(5, r.Position);
        Assert.Equal(7, r.ReadInt32());
        Assert.Equal(0, r.Remaining);
    }
}
