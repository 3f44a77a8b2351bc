using CsCheck;
using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Tests.Encoding;

/// <summary>CsCheck generators for every built-in type (strings avoid lone surrogates, which UTF-8 cannot carry).</summary>
internal static class Gens
{
    private const string Chars = "abcXYZ019 ;=_.%/:水ä€ß\u00e9";

    public static readonly Gen<string> Str =
        Gen.Int[0, Chars.Length - 1].Array[0, 12].Select(ix => new string(Array.ConvertAll(ix, i => Chars[i])));

    public static readonly Gen<string?> NullableStr = Gen.Frequency((1, Gen.Const((string?)null)), (6, Str.Select(s => (string?)s)));

    public static readonly Gen<byte[]> Bytes = Gen.Byte.Array[0, 16];

    public static readonly Gen<byte[]?> NullableBytes = Gen.Frequency((1, Gen.Const((byte[]?)null)), (6, Bytes.Select(b => (byte[]?)b)));

    public static readonly Gen<DateTime> Time = Gen.Frequency(
        (1, Gen.Const(DateTime.MinValue)),
        (6, Gen.Long[OpcUaDateTime.EpochTicks + 1, new DateTime(9999, 12, 31, 23, 59, 58, DateTimeKind.Utc).Ticks].Select(t => new DateTime(t, DateTimeKind.Utc))));

    public static readonly Gen<NodeId> NodeIds = Gen.OneOf(
        Gen.Select(Gen.UInt, Gen.Frequency((3, Gen.Const<ushort>(0)), (1, Gen.UShort[0, 300]), (1, Gen.UShort)), (i, ns) => new NodeId(i, ns)),
        Gen.Select(Gen.UInt[0, 300], Gen.UShort[0, 3], (i, ns) => new NodeId(i, ns)),
        Gen.Select(Str, Gen.UShort, (s, ns) => new NodeId(s, ns)),
        Gen.Select(Gen.Guid, Gen.UShort, (g, ns) => new NodeId(g, ns)),
        Gen.Select(Bytes, Gen.UShort, (b, ns) => new NodeId(b, ns)));

    public static readonly Gen<ExpandedNodeId> ExpandedNodeIds =
        Gen.Select(NodeIds, NullableStr, Gen.Frequency((3, Gen.Const(0u)), (1, Gen.UInt)), (id, uri, svr) => new ExpandedNodeId(id, uri, svr));

    public static readonly Gen<StatusCode> Status = Gen.UInt.Select(c => new StatusCode(c));

    public static readonly Gen<QualifiedName> QualifiedNames = Gen.Select(NullableStr, Gen.UShort, (n, ns) => new QualifiedName(n, ns));

    public static readonly Gen<LocalizedText> LocalizedTexts = Gen.Select(NullableStr, NullableStr, (t, l) => new LocalizedText(t, l));

    public static readonly Gen<ExtensionObject> RawExtensionObject = Gen.OneOf(
        Gen.Const(new ExtensionObject(default, ExtensionObjectEncoding.None, null)),
        Gen.Select(NodeIds, Bytes, (id, b) => new ExtensionObject(id, ExtensionObjectEncoding.Binary, b)),
        Gen.Select(NodeIds, Str, (id, s) => new ExtensionObject(id, ExtensionObjectEncoding.Xml, System.Text.Encoding.UTF8.GetBytes(s))));

    public static readonly Gen<DiagnosticInfo?> DiagnosticInfos = Gen.Recursive<DiagnosticInfo?>((depth, inner) =>
        Gen.Select(Gen.Int.Nullable(), Gen.Int.Nullable(), Gen.Int.Nullable(), Gen.Int.Nullable(), NullableStr, Gen.UInt.Nullable(),
            depth < 4 ? inner : Gen.Const((DiagnosticInfo?)null),
            (s, n, l, t, info, st, i) => (DiagnosticInfo?)new DiagnosticInfo
            {
                // An all-empty DiagnosticInfo encodes as mask 0, which decodes as null: keep at least one field.
                SymbolicId = s ?? 0, NamespaceUri = n, Locale = l, LocalizedText = t, AdditionalInfo = info,
                InnerStatusCode = st is { } code ? new StatusCode(code) : null, InnerDiagnosticInfo = i,
            }));

    public static Gen<Variant> AnyVariant(int depth) => Gen.OneOf(Scalars(depth), Arrays(depth), Matrix);

    public static Gen<DataValue> AnyDataValue(int depth) =>
        Gen.Select(AnyVariant(depth), Gen.Frequency((1, Gen.Const(default(StatusCode))), (2, Status)), Time, Gen.UShort[0, 9999], Time, Gen.UShort[0, 9999],
            (v, st, src, sp, srv, svp) => new DataValue(v, st, src, srv) { SourcePicoseconds = sp, ServerPicoseconds = svp });

    private static Gen<Variant> Scalars(int depth)
    {
        var gens = new List<Gen<Variant>>
        {
            Gen.Const(Variant.Null),
            Gen.Bool.Select(v => new Variant(v)), Gen.SByte.Select(v => new Variant(v)), Gen.Byte.Select(v => new Variant(v)),
            Gen.Short.Select(v => new Variant(v)), Gen.UShort.Select(v => new Variant(v)), Gen.Int.Select(v => new Variant(v)),
            Gen.UInt.Select(v => new Variant(v)), Gen.Long.Select(v => new Variant(v)), Gen.ULong.Select(v => new Variant(v)),
            Gen.Float.Select(v => new Variant(v)), Gen.Double.Select(v => new Variant(v)), NullableStr.Select(v => new Variant(v)),
            Time.Select(v => new Variant(v)), Gen.Guid.Select(v => new Variant(v)), NullableBytes.Select(v => new Variant(v)),
            NullableStr.Select(Variant.FromXmlElement), NodeIds.Select(v => new Variant(v)),
            ExpandedNodeIds.Select(v => new Variant(v)), Status.Select(v => new Variant(v)), QualifiedNames.Select(v => new Variant(v)),
            LocalizedTexts.Select(v => new Variant(v)), RawExtensionObject.Select(v => new Variant(v)), DiagnosticInfos.Select(v => new Variant(v)),
        };
        if (depth > 0)
        {
            gens.Add(AnyDataValue(depth - 1).Select(v => new Variant(v)));
        }

        return Gen.OneOf(gens.ToArray());
    }

    private static Gen<Variant> Arrays(int depth)
    {
        var gens = new List<Gen<Variant>>
        {
            Gen.Bool.Array[0, 5].Select(a => Variant.FromArray(a)), Gen.SByte.Array[0, 5].Select(a => Variant.FromArray(a)),
            Gen.Byte.Array[0, 5].Select(a => Variant.FromArray(a)), Gen.Short.Array[0, 5].Select(a => Variant.FromArray(a)),
            Gen.UShort.Array[0, 5].Select(a => Variant.FromArray(a)), Gen.Int.Array[0, 5].Select(a => Variant.FromArray(a)),
            Gen.UInt.Array[0, 5].Select(a => Variant.FromArray(a)), Gen.Long.Array[0, 5].Select(a => Variant.FromArray(a)),
            Gen.ULong.Array[0, 5].Select(a => Variant.FromArray(a)), Gen.Float.Array[0, 5].Select(a => Variant.FromArray(a)),
            Gen.Double.Array[0, 5].Select(a => Variant.FromArray(a)), NullableStr.Array[0, 5].Select(a => Variant.FromArray(a)),
            Time.Array[0, 5].Select(a => Variant.FromArray(a)), Gen.Guid.Array[0, 5].Select(a => Variant.FromArray(a)),
            NullableBytes.Array[0, 5].Select(a => Variant.FromArray(a)),
            NullableStr.Array[0, 5].Select(a => Variant.FromXmlElementArray(a)),
            NodeIds.Array[0, 5].Select(a => Variant.FromArray(a)), ExpandedNodeIds.Array[0, 5].Select(a => Variant.FromArray(a)),
            Status.Array[0, 5].Select(a => Variant.FromArray(a)), QualifiedNames.Array[0, 5].Select(a => Variant.FromArray(a)),
            LocalizedTexts.Array[0, 5].Select(a => Variant.FromArray(a)), RawExtensionObject.Array[0, 5].Select(a => Variant.FromArray(a)),
            DiagnosticInfos.Array[0, 3].Select(a => Variant.FromArray(a)),
        };
        if (depth > 0)
        {
            gens.Add(AnyVariant(depth - 1).Array[0, 4].Select(a => Variant.FromArray(a)));
            gens.Add(AnyDataValue(depth - 1).Array[0, 3].Select(a => Variant.FromArray(a)));
        }

        return Gen.OneOf(gens.ToArray());
    }

    private static readonly Gen<Variant> Matrix =
        Gen.Int[1, 3].Array[2, 3].SelectMany(dims =>
        {
            var count = 1;
            foreach (var d in dims)
            {
                count *= d;
            }

            return Gen.OneOf(
                Gen.Int.Array[count].Select(a => Variant.FromArray(a, dims)),
                NullableStr.Array[count].Select(a => Variant.FromArray(a, dims)),
                Gen.Double.Array[count].Select(a => Variant.FromArray(a, dims)));
        });
}
