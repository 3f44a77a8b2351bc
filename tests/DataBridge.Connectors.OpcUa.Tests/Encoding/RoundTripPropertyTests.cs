using CsCheck;
using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Tests.Encoding;

/// <summary>Encode → decode gives the value back, and re-encoding gives the same bytes, for random values of every built-in type.</summary>
public sealed class RoundTripPropertyTests
{
    private delegate void Write<in T>(ref OpcUaBinaryWriter writer, T value);

    private static void RoundTrips<T>(Gen<T> gen, Write<T> write, ReadFunc<T> read, long iter = 300, EncodeableTypeRegistry? registry = null) =>
        gen.Sample(value =>
        {
            var bytes = Wire.Encode((ref OpcUaBinaryWriter w) => write(ref w, value));
            var back = Wire.Decode(bytes, read, registry: registry);
            Assert.Equal(value, back);
            Assert.Equal(bytes, Wire.Encode((ref OpcUaBinaryWriter w) => write(ref w, back)));
        }, iter: iter);

    [Fact]
    public void Integers_round_trip()
    {
        RoundTrips(Gen.SByte, (ref OpcUaBinaryWriter w, sbyte v) => w.WriteSByte(v), (ref OpcUaBinaryReader r) => r.ReadSByte());
        RoundTrips(Gen.Byte, (ref OpcUaBinaryWriter w, byte v) => w.WriteByte(v), (ref OpcUaBinaryReader r) => r.ReadByte());
        RoundTrips(Gen.Short, (ref OpcUaBinaryWriter w, short v) => w.WriteInt16(v), (ref OpcUaBinaryReader r) => r.ReadInt16());
        RoundTrips(Gen.UShort, (ref OpcUaBinaryWriter w, ushort v) => w.WriteUInt16(v), (ref OpcUaBinaryReader r) => r.ReadUInt16());
        RoundTrips(Gen.Int, (ref OpcUaBinaryWriter w, int v) => w.WriteInt32(v), (ref OpcUaBinaryReader r) => r.ReadInt32());
        RoundTrips(Gen.UInt, (ref OpcUaBinaryWriter w, uint v) => w.WriteUInt32(v), (ref OpcUaBinaryReader r) => r.ReadUInt32());
        RoundTrips(Gen.Long, (ref OpcUaBinaryWriter w, long v) => w.WriteInt64(v), (ref OpcUaBinaryReader r) => r.ReadInt64());
        RoundTrips(Gen.ULong, (ref OpcUaBinaryWriter w, ulong v) => w.WriteUInt64(v), (ref OpcUaBinaryReader r) => r.ReadUInt64());
        RoundTrips(Gen.Bool, (ref OpcUaBinaryWriter w, bool v) => w.WriteBoolean(v), (ref OpcUaBinaryReader r) => r.ReadBoolean());
    }

    [Fact]
    public void Floating_point_values_round_trip_with_nan_as_the_quiet_nan()
    {
        RoundTrips(Gen.Float, (ref OpcUaBinaryWriter w, float v) => w.WriteFloat(v), (ref OpcUaBinaryReader r) => r.ReadFloat());
        RoundTrips(Gen.Double, (ref OpcUaBinaryWriter w, double v) => w.WriteDouble(v), (ref OpcUaBinaryReader r) => r.ReadDouble());
    }

    [Fact]
    public void Strings_byte_strings_times_and_guids_round_trip()
    {
        RoundTrips(Gens.NullableStr, (ref OpcUaBinaryWriter w, string? v) => w.WriteString(v), (ref OpcUaBinaryReader r) => r.ReadString());
        RoundTrips(Gens.NullableStr, (ref OpcUaBinaryWriter w, string? v) => w.WriteXmlElement(v), (ref OpcUaBinaryReader r) => r.ReadXmlElement());
        RoundTrips(Gens.Time, (ref OpcUaBinaryWriter w, DateTime v) => w.WriteDateTime(v), (ref OpcUaBinaryReader r) => r.ReadDateTime());
        RoundTrips(Gen.Guid, (ref OpcUaBinaryWriter w, Guid v) => w.WriteGuid(v), (ref OpcUaBinaryReader r) => r.ReadGuid());
        Gens.Bytes.Sample(v =>
        {
            var bytes = Wire.Encode((ref OpcUaBinaryWriter w) => w.WriteByteString(v));
            Assert.Equal(v, Wire.Decode(bytes, (ref OpcUaBinaryReader r) => r.ReadByteString()));
        });
    }

    [Fact]
    public void Node_ids_and_names_round_trip()
    {
        RoundTrips(Gens.NodeIds, (ref OpcUaBinaryWriter w, NodeId v) => w.WriteNodeId(v), (ref OpcUaBinaryReader r) => r.ReadNodeId(), 1000);
        RoundTrips(Gens.ExpandedNodeIds, (ref OpcUaBinaryWriter w, ExpandedNodeId v) => w.WriteExpandedNodeId(v), (ref OpcUaBinaryReader r) => r.ReadExpandedNodeId(), 1000);
        RoundTrips(Gens.Status, (ref OpcUaBinaryWriter w, StatusCode v) => w.WriteStatusCode(v), (ref OpcUaBinaryReader r) => r.ReadStatusCode());
        RoundTrips(Gens.QualifiedNames, (ref OpcUaBinaryWriter w, QualifiedName v) => w.WriteQualifiedName(v), (ref OpcUaBinaryReader r) => r.ReadQualifiedName());
        RoundTrips(Gens.LocalizedTexts, (ref OpcUaBinaryWriter w, LocalizedText v) => w.WriteLocalizedText(v), (ref OpcUaBinaryReader r) => r.ReadLocalizedText());
    }

    [Fact]
    public void Node_id_text_form_round_trips() =>
        Gens.NodeIds.Where(id => id.IdType != NodeIdType.String || !id.StringIdentifier!.Contains(';', StringComparison.Ordinal)).Sample(id =>
            Assert.Equal(id, NodeId.Parse(id.ToString())), iter: 1000);

    [Fact]
    public void Expanded_node_id_text_form_round_trips() =>
        Gens.ExpandedNodeIds.Select(e => e.NamespaceUri is null ? e : e with { NodeId = Strip(e.NodeId) }).Sample(e =>
            Assert.Equal(e, ExpandedNodeId.Parse(e.ToString())), iter: 1000);

    [Fact]
    public void Variants_with_nested_arrays_matrices_and_data_values_round_trip() =>
        RoundTrips(Gens.AnyVariant(2), (ref OpcUaBinaryWriter w, Variant v) => w.WriteVariant(v), (ref OpcUaBinaryReader r) => r.ReadVariant(), 3000);

    [Fact]
    public void Data_values_round_trip() =>
        RoundTrips(Gens.AnyDataValue(1), (ref OpcUaBinaryWriter w, DataValue v) => w.WriteDataValue(v), (ref OpcUaBinaryReader r) => r.ReadDataValue(), 1000);

    [Fact]
    public void Diagnostic_infos_round_trip() =>
        RoundTrips(Gens.DiagnosticInfos, (ref OpcUaBinaryWriter w, DiagnosticInfo? v) => w.WriteDiagnosticInfo(v), (ref OpcUaBinaryReader r) => r.ReadDiagnosticInfo(), 1000);

    [Fact]
    public void Extension_objects_with_raw_bodies_round_trip() =>
        RoundTrips(Gens.RawExtensionObject, (ref OpcUaBinaryWriter w, ExtensionObject v) => w.WriteExtensionObject(v), (ref OpcUaBinaryReader r) => r.ReadExtensionObject(), 1000);

    [Fact]
    public void Extension_objects_with_registered_types_decode_to_the_structure() =>
        Gen.Select(Gen.Double, Gens.NullableStr, Gens.AnyVariant(1), (x, label, nested) => new TestPoint { X = x, Label = label, Nested = nested })
            .Sample(point =>
            {
                var bytes = Wire.Encode((ref OpcUaBinaryWriter w) => w.WriteExtensionObject(new ExtensionObject(point)));
                var back = Wire.Decode(bytes, (ref OpcUaBinaryReader r) => r.ReadExtensionObject(), registry: TestPoint.Registry);
                Assert.Equal(point, Assert.IsType<TestPoint>(back.Decoded));
                Assert.Equal(TestPoint.EncodingId, back.TypeId);
                var raw = Wire.Decode(bytes, (ref OpcUaBinaryReader r) => r.ReadExtensionObject());
                Assert.Null(raw.Decoded);
                Assert.Equal(bytes, Wire.Encode((ref OpcUaBinaryWriter w) => w.WriteExtensionObject(raw)));
            }, iter: 500);

    [Fact]
    public void Arrays_of_built_in_types_round_trip()
    {
        RoundTrips(Gen.Int.Array[0, 20].Select(a => (int[]?)a), (ref OpcUaBinaryWriter w, int[]? v) => w.WriteInt32Array(v), (ref OpcUaBinaryReader r) => r.ReadInt32Array());
        RoundTrips(Gens.NullableStr.Array[0, 8].Select(a => (string?[]?)a), (ref OpcUaBinaryWriter w, string?[]? v) => w.WriteStringArray(v), (ref OpcUaBinaryReader r) => r.ReadStringArray());
        RoundTrips(Gens.AnyDataValue(0).Array[0, 8].Select(a => (DataValue[]?)a), (ref OpcUaBinaryWriter w, DataValue[]? v) => w.WriteDataValueArray(v), (ref OpcUaBinaryReader r) => r.ReadDataValueArray());
    }

    private static NodeId Strip(NodeId id) => id.IdType switch
    {
        NodeIdType.Numeric => new NodeId(id.NumericIdentifier),
        NodeIdType.String => new NodeId(id.StringIdentifier!, 0),
        NodeIdType.Guid => new NodeId(id.GuidIdentifier, 0),
        _ => new NodeId(id.OpaqueIdentifier!, 0),
    };
}
