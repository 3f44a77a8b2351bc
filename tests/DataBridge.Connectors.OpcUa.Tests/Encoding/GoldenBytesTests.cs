using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Tests.Encoding;

/// <summary>Byte-exact encodings, from the examples and tables of OPC 10000-6 §5.2.</summary>
public sealed class GoldenBytesTests
{
    private static void Golden<T>(T value, string hex, WriteAction write, ReadFunc<T> read)
    {
        Assert.Equal(Wire.Hex(hex), Wire.Encode(write));
        Assert.Equal(value, Wire.Decode(Wire.Hex(hex), read));
    }

    [Fact]
    public void Int32_one_billion_is_little_endian_as_in_figure_2() =>
        Golden(1_000_000_000, "00 CA 9A 3B", (ref OpcUaBinaryWriter w) => w.WriteInt32(1_000_000_000), (ref OpcUaBinaryReader r) => r.ReadInt32());

    [Fact]
    public void Float_minus_six_and_a_half_is_C0D00000_little_endian_as_in_figure_3() =>
        Golden(-6.5f, "00 00 D0 C0", (ref OpcUaBinaryWriter w) => w.WriteFloat(-6.5f), (ref OpcUaBinaryReader r) => r.ReadFloat());

    [Fact]
    public void NaN_is_written_as_the_quiet_NaN_the_spec_prescribes()
    {
        Assert.Equal(Wire.Hex("0000C0FF"), Wire.Encode((ref OpcUaBinaryWriter w) => w.WriteFloat(BitConverter.Int32BitsToSingle(0x7F800001))));
        Assert.Equal(Wire.Hex("000000000000F8FF"), Wire.Encode((ref OpcUaBinaryWriter w) => w.WriteDouble(BitConverter.Int64BitsToDouble(0x7FF0000000000001))));
    }

    [Fact]
    public void Every_integer_width_and_double_is_little_endian_two_s_complement()
    {
        Golden((sbyte)-2, "FE", (ref OpcUaBinaryWriter w) => w.WriteSByte(-2), (ref OpcUaBinaryReader r) => r.ReadSByte());
        Golden((byte)0xAB, "AB", (ref OpcUaBinaryWriter w) => w.WriteByte(0xAB), (ref OpcUaBinaryReader r) => r.ReadByte());
        Golden((short)-2, "FE FF", (ref OpcUaBinaryWriter w) => w.WriteInt16(-2), (ref OpcUaBinaryReader r) => r.ReadInt16());
        Golden((ushort)0x1234, "34 12", (ref OpcUaBinaryWriter w) => w.WriteUInt16(0x1234), (ref OpcUaBinaryReader r) => r.ReadUInt16());
        Golden(0x89ABCDEFu, "EF CD AB 89", (ref OpcUaBinaryWriter w) => w.WriteUInt32(0x89ABCDEF), (ref OpcUaBinaryReader r) => r.ReadUInt32());
        Golden(-2L, "FE FF FF FF FF FF FF FF", (ref OpcUaBinaryWriter w) => w.WriteInt64(-2), (ref OpcUaBinaryReader r) => r.ReadInt64());
        Golden(0x0102030405060708UL, "08 07 06 05 04 03 02 01", (ref OpcUaBinaryWriter w) => w.WriteUInt64(0x0102030405060708), (ref OpcUaBinaryReader r) => r.ReadUInt64());
        Golden(-6.5, "00 00 00 00 00 00 1A C0", (ref OpcUaBinaryWriter w) => w.WriteDouble(-6.5), (ref OpcUaBinaryReader r) => r.ReadDouble());
    }

    [Fact]
    public void ByteString_and_XmlElement_are_length_prefixed()
    {
        Assert.Equal(Wire.Hex("03 00 00 00 01 02 03"), Wire.Encode((ref OpcUaBinaryWriter w) => w.WriteByteString(new byte[] { 1, 2, 3 })));
        Assert.Equal(new byte[] { 1, 2, 3 }, Wire.Decode(Wire.Hex("03 00 00 00 01 02 03"), (ref OpcUaBinaryReader r) => r.ReadByteString()));
        Golden<string?>("<a/>", "04 00 00 00 3C 61 2F 3E", (ref OpcUaBinaryWriter w) => w.WriteXmlElement("<a/>"), (ref OpcUaBinaryReader r) => r.ReadXmlElement());
    }

    [Fact]
    public void Boolean_true_is_one_and_any_non_zero_byte_decodes_as_true()
    {
        Golden(true, "01", (ref OpcUaBinaryWriter w) => w.WriteBoolean(true), (ref OpcUaBinaryReader r) => r.ReadBoolean());
        Assert.True(Wire.Decode(Wire.Hex("7F"), (ref OpcUaBinaryReader r) => r.ReadBoolean()));
    }

    [Fact]
    public void String_water_boy_is_length_then_utf8_as_in_figure_4() =>
        Golden<string?>("水Boy", "06 00 00 00 E6 B0 B4 42 6F 79", (ref OpcUaBinaryWriter w) => w.WriteString("水Boy"), (ref OpcUaBinaryReader r) => r.ReadString());

    [Fact]
    public void Null_string_is_minus_one_and_empty_string_is_zero()
    {
        Golden<string?>(null, "FF FF FF FF", (ref OpcUaBinaryWriter w) => w.WriteString(null), (ref OpcUaBinaryReader r) => r.ReadString());
        Golden<string?>(string.Empty, "00 00 00 00", (ref OpcUaBinaryWriter w) => w.WriteString(string.Empty), (ref OpcUaBinaryReader r) => r.ReadString());
    }

    [Fact]
    public void Guid_is_data1_to_data3_little_endian_then_data4_bytes_as_in_figure_5()
    {
        var guid = Guid.Parse("72962B91-FA75-4AE6-8D28-B404DC7DAF63");
        Golden(guid, "91 2B 96 72 75 FA E6 4A 8D 28 B4 04 DC 7D AF 63", (ref OpcUaBinaryWriter w) => w.WriteGuid(guid), (ref OpcUaBinaryReader r) => r.ReadGuid());
    }

    [Fact]
    public void DateTime_counts_100ns_ticks_since_1601_and_clamps_the_ends()
    {
        var t = new DateTime(1601, 1, 1, 0, 0, 1, DateTimeKind.Utc); // one second = 10,000,000 ticks = 0x989680
        Golden(t, "80 96 98 00 00 00 00 00", (ref OpcUaBinaryWriter w) => w.WriteDateTime(t), (ref OpcUaBinaryReader r) => r.ReadDateTime());
        Assert.Equal(Wire.Hex("0000000000000000"), Wire.Encode((ref OpcUaBinaryWriter w) => w.WriteDateTime(new DateTime(1500, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
        Assert.Equal(Wire.Hex("FFFFFFFFFFFFFF7F"), Wire.Encode((ref OpcUaBinaryWriter w) => w.WriteDateTime(DateTime.MaxValue)));
        Assert.Equal(DateTime.MinValue, Wire.Decode(Wire.Hex("0000000000000000"), (ref OpcUaBinaryReader r) => r.ReadDateTime()));
        Assert.Equal(DateTime.MaxValue, Wire.Decode(Wire.Hex("FFFFFFFFFFFFFF7F"), (ref OpcUaBinaryReader r) => r.ReadDateTime()));
    }

    [Fact]
    public void ByteString_null_is_minus_one() =>
        Assert.Null(Wire.Decode(Wire.Hex("FFFFFFFF"), (ref OpcUaBinaryReader r) => r.ReadByteString()));

    [Theory]
    [InlineData("i=72", "00 48")] // Figure 8: two-byte
    [InlineData("ns=5;i=1025", "01 05 01 04")] // Figure 9: four-byte
    [InlineData("ns=1;i=70000", "02 01 00 70 11 01 00")] // Table 18: numeric
    [InlineData("ns=256;i=1", "02 00 01 01 00 00 00")] // namespace too large for four-byte
    [InlineData("ns=1;s=Hot水", "03 01 00 06 00 00 00 48 6F 74 E6 B0 B4")] // Figure 7: string
    [InlineData("ns=1;g=72962B91-FA75-4AE6-8D28-B404DC7DAF63", "04 01 00 91 2B 96 72 75 FA E6 4A 8D 28 B4 04 DC 7D AF 63")]
    [InlineData("ns=2;b=AQID", "05 02 00 03 00 00 00 01 02 03")]
    public void NodeId_uses_the_most_compact_encoding(string text, string hex)
    {
        var id = NodeId.Parse(text);
        Golden(id, hex, (ref OpcUaBinaryWriter w) => w.WriteNodeId(id), (ref OpcUaBinaryReader r) => r.ReadNodeId());
        Assert.Equal(text, id.ToString(), ignoreCase: true);
    }

    [Fact]
    public void ExpandedNodeId_sets_the_namespace_uri_and_server_index_flags()
    {
        var id = new ExpandedNodeId(new NodeId(72), "urn:a", 3);
        Golden(id, "C0 48 05 00 00 00 75 72 6E 3A 61 03 00 00 00",
            (ref OpcUaBinaryWriter w) => w.WriteExpandedNodeId(id), (ref OpcUaBinaryReader r) => r.ReadExpandedNodeId());
    }

    [Fact]
    public void StatusCode_is_its_uint32() =>
        Golden(new StatusCode(StatusCodes.BadTimeout), "00 00 0A 80",
            (ref OpcUaBinaryWriter w) => w.WriteStatusCode(StatusCodes.BadTimeout), (ref OpcUaBinaryReader r) => r.ReadStatusCode());

    [Fact]
    public void QualifiedName_is_namespace_then_name()
    {
        var q = new QualifiedName("Ab", 2);
        Golden(q, "02 00 02 00 00 00 41 62", (ref OpcUaBinaryWriter w) => w.WriteQualifiedName(q), (ref OpcUaBinaryReader r) => r.ReadQualifiedName());
    }

    [Theory]
    [InlineData(null, null, "00")]
    [InlineData("en", null, "01 02 00 00 00 65 6E")]
    [InlineData(null, "Hi", "02 02 00 00 00 48 69")]
    [InlineData("en", "Hi", "03 02 00 00 00 65 6E 02 00 00 00 48 69")]
    public void LocalizedText_mask_announces_locale_and_text(string? locale, string? text, string hex)
    {
        var lt = new LocalizedText(text, locale);
        Golden(lt, hex, (ref OpcUaBinaryWriter w) => w.WriteLocalizedText(lt), (ref OpcUaBinaryReader r) => r.ReadLocalizedText());
    }

    [Fact]
    public void ExtensionObject_is_type_id_encoding_byte_and_length_prefixed_body()
    {
        var eo = new ExtensionObject(new NodeId(887), ExtensionObjectEncoding.Binary, [0xAA, 0xBB]);
        Golden(eo, "01 00 77 03 01 02 00 00 00 AA BB",
            (ref OpcUaBinaryWriter w) => w.WriteExtensionObject(eo), (ref OpcUaBinaryReader r) => r.ReadExtensionObject());
        var empty = new ExtensionObject(NodeId.Null, ExtensionObjectEncoding.None, null);
        Golden(empty, "00 00 00", (ref OpcUaBinaryWriter w) => w.WriteExtensionObject(empty), (ref OpcUaBinaryReader r) => r.ReadExtensionObject());
    }

    [Fact]
    public void Variant_scalar_is_type_id_then_value() =>
        Golden(new Variant(1_000_000_000), "06 00 CA 9A 3B",
            (ref OpcUaBinaryWriter w) => w.WriteVariant(new Variant(1_000_000_000)), (ref OpcUaBinaryReader r) => r.ReadVariant());

    [Fact]
    public void Variant_array_sets_bit_7_and_writes_the_length()
    {
        var v = Variant.FromArray(new short[] { 1, -1 });
        Golden(v, "84 02 00 00 00 01 00 FF FF", (ref OpcUaBinaryWriter w) => w.WriteVariant(v), (ref OpcUaBinaryReader r) => r.ReadVariant());
    }

    [Fact]
    public void Variant_matrix_sets_bit_6_and_writes_dimensions_after_the_values()
    {
        var v = Variant.FromArray(new byte[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        Golden(v, "C3 06 00 00 00 01 02 03 04 05 06 02 00 00 00 02 00 00 00 03 00 00 00",
            (ref OpcUaBinaryWriter w) => w.WriteVariant(v), (ref OpcUaBinaryReader r) => r.ReadVariant());
    }

    [Fact]
    public void Null_variant_is_a_zero_mask() =>
        Golden(Variant.Null, "00", (ref OpcUaBinaryWriter w) => w.WriteVariant(Variant.Null), (ref OpcUaBinaryReader r) => r.ReadVariant());

    [Fact]
    public void Variant_with_type_ids_26_to_31_is_read_as_a_byte_string()
    {
        var v = Wire.Decode(Wire.Hex("1A 02 00 00 00 01 02"), (ref OpcUaBinaryReader r) => r.ReadVariant());
        Assert.Equal((BuiltInType)26, v.Type);
        Assert.Equal(new byte[] { 1, 2 }, (byte[]?)v.Value);
    }

    [Fact]
    public void DataValue_mask_orders_value_status_source_time_and_picoseconds_then_server_time()
    {
        var t = new DateTime(1601, 1, 1, 0, 0, 1, DateTimeKind.Utc);
        var dv = new DataValue(new Variant(true), StatusCodes.UncertainInitialValue, t, t) { SourcePicoseconds = 10, ServerPicoseconds = 20 };
        Golden(dv, "3F 01 01 00 00 92 40 80 96 98 00 00 00 00 00 0A 00 80 96 98 00 00 00 00 00 14 00",
            (ref OpcUaBinaryWriter w) => w.WriteDataValue(dv), (ref OpcUaBinaryReader r) => r.ReadDataValue());
        var onlyStatus = new DataValue(Variant.Null, StatusCodes.BadNodeIdUnknown);
        Golden(onlyStatus, "02 00 00 34 80", (ref OpcUaBinaryWriter w) => w.WriteDataValue(onlyStatus), (ref OpcUaBinaryReader r) => r.ReadDataValue());
    }

    [Fact]
    public void DiagnosticInfo_mask_orders_symbolic_id_namespace_locale_text_then_inner()
    {
        var d = new DiagnosticInfo
        {
            SymbolicId = 1, NamespaceUri = 2, Locale = 3, LocalizedText = 4, AdditionalInfo = "x",
            InnerStatusCode = new StatusCode(StatusCodes.BadTimeout), InnerDiagnosticInfo = new DiagnosticInfo { SymbolicId = 5 },
        };
        Golden<DiagnosticInfo?>(d, "7F 01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00 01 00 00 00 78 00 00 0A 80 01 05 00 00 00",
            (ref OpcUaBinaryWriter w) => w.WriteDiagnosticInfo(d), (ref OpcUaBinaryReader r) => r.ReadDiagnosticInfo());
    }

    [Fact]
    public void Null_array_is_minus_one_and_empty_array_is_zero()
    {
        Assert.Equal(Wire.Hex("FFFFFFFF"), Wire.Encode((ref OpcUaBinaryWriter w) => w.WriteInt32Array(null)));
        Assert.Null(Wire.Decode(Wire.Hex("FFFFFFFF"), (ref OpcUaBinaryReader r) => r.ReadInt32Array()));
        Assert.Empty(Wire.Decode(Wire.Hex("00000000"), (ref OpcUaBinaryReader r) => r.ReadInt32Array())!);
    }
}
