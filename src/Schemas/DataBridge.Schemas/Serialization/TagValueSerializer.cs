using System.Buffers;
using System.Globalization;
using DataBridge.Core;
using DataBridge.Schemas.Binary;

namespace DataBridge.Schemas.Serialization;

/// <summary>
/// Avro binary encoding of <see cref="TagValueRecord"/> in the field order of tag-value.avsc.
/// Writing allocates nothing for numeric values (the quality name comes from the generated table).
/// </summary>
public static class TagValueSerializer
{
    // Branch indexes of the "value" union in tag-value.avsc: null, boolean, int, long, float, double, string.
    private const int NullBranch = 0, BooleanBranch = 1, IntBranch = 2, LongBranch = 3, FloatBranch = 4, DoubleBranch = 5, StringBranch = 6;
    private const int BranchCount = 7;

    // Round-trip ("O") text of a UTC DateTime is 28 characters; room to spare.
    private const int DateTimeTextBytes = 40;

    /// <summary>Appends the Avro encoding of <paramref name="record"/> to <paramref name="output"/>.</summary>
    public static void Write(in TagValueRecord record, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var w = new AvroWriter(output);
        w.WriteString(record.TagId);
        w.WriteString(record.AssetPath);
        WriteValue(ref w, record.Value);
        w.WriteUtf8(ValueKindNames.Utf8Name(record.Value.Kind));
        w.WriteLong(record.Quality.Code);
        w.WriteString(record.Quality.Name);
        WriteOptionalTimestamp(ref w, record.SourceTimestamp);
        WriteOptionalTimestamp(ref w, record.ServerTimestamp);
        w.WriteTimestampMicros(record.BridgeTimestamp);
        w.WriteString(record.SourceId);
        w.WriteLong(record.Sequence);
    }

    /// <summary>Decodes one record; every length is checked against the input first.</summary>
    /// <exception cref="AvroDecodeException">The bytes are not a TagValue datum.</exception>
    public static TagValueRecord Read(ReadOnlySpan<byte> data)
    {
        var r = new AvroReader(data);
        var tagId = r.ReadString();
        var assetPath = r.ReadString();
        var valueStart = r.Position;
        var branch = r.ReadUnionIndex(BranchCount);
        long integer = 0;
        double real = 0;
        string? text = null;
        switch (branch)
        {
            case BooleanBranch: integer = r.ReadBoolean() ? 1 : 0; break;
            case IntBranch: integer = r.ReadInt(); break;
            case LongBranch: integer = r.ReadLong(); break;
            case FloatBranch: real = r.ReadFloat(); break;
            case DoubleBranch: real = r.ReadDouble(); break;
            case StringBranch: text = r.ReadString(); break;
            default: break;
        }

        var kindStart = r.Position;
        if (!ValueKindNames.TryParse(r.ReadUtf8(64), out var kind))
        {
            throw AvroDecodeException.At(kindStart, "valueType is not a known ValueKind name");
        }

        var value = MakeValue(kind, branch, integer, real, text, valueStart);
        var qualityStart = r.Position;
        var quality = r.ReadLong();
        if (quality is < 0 or > uint.MaxValue)
        {
            throw AvroDecodeException.At(qualityStart, $"qualityCode {quality} is not a 32-bit status code");
        }

        _ = r.ReadUtf8(); // qualityText is derived from qualityCode; read past it without allocating.
        var sourceTs = ReadOptionalTimestamp(ref r);
        var serverTs = ReadOptionalTimestamp(ref r);
        var bridgeTs = r.ReadTimestampMicros();
        var sourceId = r.ReadString();
        var sequence = r.ReadLong();
        r.EnsureEnd();
        return new TagValueRecord(sourceId, sequence, tagId, assetPath, value, new StatusCode((uint)quality), sourceTs, serverTs, bridgeTs);
    }

    /// <summary>
    /// An absent timestamp (<c>default(DateTime)</c>: the source gave none, or no server answered) is written as null,
    /// never as 0001-01-01.
    /// </summary>
    private static void WriteOptionalTimestamp(ref AvroWriter w, DateTime timestamp)
    {
        if (timestamp == default)
        {
            w.WriteUnionIndex(0);
        }
        else
        {
            w.WriteUnionIndex(1);
            w.WriteTimestampMicros(timestamp);
        }
    }

    private static DateTime ReadOptionalTimestamp(ref AvroReader r) =>
        r.ReadUnionIndex(2) == 1 ? r.ReadTimestampMicros() : default;

    private static void WriteValue(ref AvroWriter w, TagValue value)
    {
        if (!value.HasValue)
        {
            // Null, a null String or a DateTime that means "no date": value null, valueType still names the type.
            w.WriteUnionIndex(NullBranch);
            return;
        }

        switch (value.Kind)
        {
            case ValueKind.Null:
                w.WriteUnionIndex(NullBranch);
                break;
            case ValueKind.Boolean:
                w.WriteUnionIndex(BooleanBranch);
                w.WriteBoolean(value.AsBoolean());
                break;
            case ValueKind.SByte or ValueKind.Byte or ValueKind.Int16 or ValueKind.UInt16 or ValueKind.Int32:
                w.WriteUnionIndex(IntBranch);
                w.WriteInt((int)value.AsInt64());
                break;
            case ValueKind.UInt32 or ValueKind.Int64:
                w.WriteUnionIndex(LongBranch);
                w.WriteLong(value.AsInt64());
                break;
            case ValueKind.UInt64 when value.AsUInt64() <= long.MaxValue:
                w.WriteUnionIndex(LongBranch);
                w.WriteLong(value.AsInt64());
                break;
            case ValueKind.UInt64:
                // Avro has no unsigned 64-bit type; above long.MaxValue the decimal text is exact.
                Span<byte> digits = stackalloc byte[20];
                value.AsUInt64().TryFormat(digits, out var n, default, CultureInfo.InvariantCulture);
                w.WriteUnionIndex(StringBranch);
                w.WriteUtf8(digits[..n]);
                break;
            case ValueKind.Float:
                w.WriteUnionIndex(FloatBranch);
                w.WriteFloat((float)value.AsDouble());
                break;
            case ValueKind.Double:
                w.WriteUnionIndex(DoubleBranch);
                w.WriteDouble(value.AsDouble());
                break;
            case ValueKind.String:
                w.WriteUnionIndex(StringBranch);
                w.WriteString(value.AsString()!);
                break;
            case ValueKind.DateTime:
                Span<byte> iso = stackalloc byte[DateTimeTextBytes];
                value.AsDateTime().TryFormat(iso, out var written, "O", CultureInfo.InvariantCulture);
                w.WriteUnionIndex(StringBranch);
                w.WriteUtf8(iso[..written]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "Not a ValueKind tag-value.avsc can carry.");
        }
    }

    private static TagValue MakeValue(ValueKind kind, int branch, long integer, double real, string? text, int offset)
    {
        if (branch == NullBranch && kind is ValueKind.String or ValueKind.DateTime)
        {
            return TagValue.Empty(kind);
        }

        var expected = kind switch
        {
            ValueKind.Null => NullBranch,
            ValueKind.Boolean => BooleanBranch,
            ValueKind.SByte or ValueKind.Byte or ValueKind.Int16 or ValueKind.UInt16 or ValueKind.Int32 => IntBranch,
            ValueKind.UInt32 or ValueKind.Int64 => LongBranch,
            ValueKind.UInt64 => branch == StringBranch ? StringBranch : LongBranch,
            ValueKind.Float => FloatBranch,
            ValueKind.Double => DoubleBranch,
            _ => StringBranch,
        };
        if (branch != expected)
        {
            throw AvroDecodeException.At(offset, $"value branch {branch} does not carry a {ValueKindNames.Name(kind)}");
        }

        return kind switch
        {
            ValueKind.Null => TagValue.Null,
            ValueKind.Boolean => TagValue.FromBoolean(integer != 0),
            ValueKind.SByte when integer is >= sbyte.MinValue and <= sbyte.MaxValue => TagValue.FromSByte((sbyte)integer),
            ValueKind.Byte when integer is >= byte.MinValue and <= byte.MaxValue => TagValue.FromByte((byte)integer),
            ValueKind.Int16 when integer is >= short.MinValue and <= short.MaxValue => TagValue.FromInt16((short)integer),
            ValueKind.UInt16 when integer is >= ushort.MinValue and <= ushort.MaxValue => TagValue.FromUInt16((ushort)integer),
            ValueKind.Int32 => TagValue.FromInt32((int)integer),
            ValueKind.UInt32 when integer is >= uint.MinValue and <= uint.MaxValue => TagValue.FromUInt32((uint)integer),
            ValueKind.Int64 => TagValue.FromInt64(integer),
            ValueKind.UInt64 when text is null && integer >= 0 => TagValue.FromUInt64((ulong)integer),
            ValueKind.UInt64 when text is not null && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var big) && big > long.MaxValue
                => TagValue.FromUInt64(big),
            ValueKind.Float => TagValue.FromFloat((float)real),
            ValueKind.Double => TagValue.FromDouble(real),
            ValueKind.String => TagValue.FromString(text!),
            ValueKind.DateTime when DateTime.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dt) && dt.Kind == DateTimeKind.Utc
                => TagValue.FromDateTime(dt),
            _ => throw AvroDecodeException.At(offset, $"value is out of range for {ValueKindNames.Name(kind)}"),
        };
    }
}
