using DataBridge.Connectors.Mqtt.Encoding.Proto;
using DataBridge.Core;
using Case = DataBridge.Connectors.Mqtt.Encoding.Proto.Payload.Types.Metric.ValueOneofCase;

namespace DataBridge.Connectors.Mqtt.Encoding;

/// <summary>
/// Turns a Sparkplug metric value into a <see cref="TagValue"/> (Sparkplug 3.0 §6.4.16/§6.4.17 say which protobuf
/// field carries which datatype). The table, also in docs/mqtt.md:
/// Int8/Int16/Int32 (int_value) → SByte/Int16/Int32; Int64 (long_value) → Int64; UInt8/UInt16/UInt32 (int_value) →
/// Byte/UInt16/UInt32; UInt64 (long_value) → UInt64; Float → Float; Double → Double; Boolean → Boolean;
/// String/Text/UUID (string_value) → String; DateTime (long_value, ms since the Unix epoch) → DateTime.
/// DataSet, Bytes, File, Template, PropertySet(List) and the array types → BadNotSupported; codes outside the table →
/// BadDataTypeIdUnknown; a value in the wrong field → BadTypeMismatch; a value outside its type's range → BadOutOfRange.
/// </summary>
public static class SparkplugValueConverter
{
    /// <summary>The DataBridge value kind a Sparkplug datatype becomes, or <see cref="ValueKind.Null"/> when it is not supported.</summary>
    public static ValueKind KindOf(SparkplugDataType type) => type switch
    {
        SparkplugDataType.Int8 => ValueKind.SByte,
        SparkplugDataType.Int16 => ValueKind.Int16,
        SparkplugDataType.Int32 => ValueKind.Int32,
        SparkplugDataType.Int64 => ValueKind.Int64,
        SparkplugDataType.UInt8 => ValueKind.Byte,
        SparkplugDataType.UInt16 => ValueKind.UInt16,
        SparkplugDataType.UInt32 => ValueKind.UInt32,
        SparkplugDataType.UInt64 => ValueKind.UInt64,
        SparkplugDataType.Float => ValueKind.Float,
        SparkplugDataType.Double => ValueKind.Double,
        SparkplugDataType.Boolean => ValueKind.Boolean,
        SparkplugDataType.String or SparkplugDataType.Text or SparkplugDataType.UUID => ValueKind.String,
        SparkplugDataType.DateTime => ValueKind.DateTime,
        _ => ValueKind.Null,
    };

    /// <summary>Converts a metric's value as <paramref name="type"/> (from its birth); returns the status of the result.</summary>
    internal static uint Convert(Payload.Types.Metric metric, SparkplugDataType type, out TagValue value)
    {
        value = TagValue.Null;
        var kind = KindOf(type);
        if (kind == ValueKind.Null)
        {
            return type is > SparkplugDataType.Unknown and <= SparkplugDataType.DateTimeArray ? StatusCodes.BadNotSupported : StatusCodes.BadDataTypeIdUnknown;
        }

        if (metric.HasIsNull && metric.IsNull)
        {
            value = kind is ValueKind.String or ValueKind.DateTime ? TagValue.Empty(kind) : TagValue.Null;
            return StatusCodes.Good;
        }

        var field = metric.ValueCase;
        switch (type)
        {
            case SparkplugDataType.Int8:
                return field != Case.IntValue ? Mismatch(field) : Signed(metric.IntValue, sbyte.MinValue, sbyte.MaxValue, 0xFF, static v => TagValue.FromSByte((sbyte)v), out value);
            case SparkplugDataType.Int16:
                return field != Case.IntValue ? Mismatch(field) : Signed(metric.IntValue, short.MinValue, short.MaxValue, 0xFFFF, static v => TagValue.FromInt16((short)v), out value);
            case SparkplugDataType.Int32:
                if (field != Case.IntValue) return Mismatch(field);
                value = TagValue.FromInt32(unchecked((int)metric.IntValue));
                return StatusCodes.Good;
            case SparkplugDataType.Int64:
                if (field != Case.LongValue) return Mismatch(field);
                value = TagValue.FromInt64(unchecked((long)metric.LongValue));
                return StatusCodes.Good;
            case SparkplugDataType.UInt8:
                if (field != Case.IntValue) return Mismatch(field);
                if (metric.IntValue > byte.MaxValue) return StatusCodes.BadOutOfRange;
                value = TagValue.FromByte((byte)metric.IntValue);
                return StatusCodes.Good;
            case SparkplugDataType.UInt16:
                if (field != Case.IntValue) return Mismatch(field);
                if (metric.IntValue > ushort.MaxValue) return StatusCodes.BadOutOfRange;
                value = TagValue.FromUInt16((ushort)metric.IntValue);
                return StatusCodes.Good;
            case SparkplugDataType.UInt32:
                // Some edge nodes put UInt32 in long_value: accept it when it fits.
                if (field == Case.LongValue)
                {
                    if (metric.LongValue > uint.MaxValue) return StatusCodes.BadOutOfRange;
                    value = TagValue.FromUInt32((uint)metric.LongValue);
                    return StatusCodes.Good;
                }

                if (field != Case.IntValue) return Mismatch(field);
                value = TagValue.FromUInt32(metric.IntValue);
                return StatusCodes.Good;
            case SparkplugDataType.UInt64:
                if (field != Case.LongValue) return Mismatch(field);
                value = TagValue.FromUInt64(metric.LongValue);
                return StatusCodes.Good;
            case SparkplugDataType.Float:
                if (field != Case.FloatValue) return Mismatch(field);
                value = TagValue.FromFloat(metric.FloatValue);
                return StatusCodes.Good;
            case SparkplugDataType.Double:
                if (field != Case.DoubleValue) return Mismatch(field);
                value = TagValue.FromDouble(metric.DoubleValue);
                return StatusCodes.Good;
            case SparkplugDataType.Boolean:
                if (field != Case.BooleanValue) return Mismatch(field);
                value = TagValue.FromBoolean(metric.BooleanValue);
                return StatusCodes.Good;
            case SparkplugDataType.DateTime:
                if (field != Case.LongValue) return Mismatch(field);
                if (!SparkplugTime.TryFromEpochMilliseconds(metric.LongValue, out var when)) return StatusCodes.BadOutOfRange;
                value = TagValue.FromDateTime(when);
                return StatusCodes.Good;
            default: // String, Text, UUID
                if (field != Case.StringValue) return Mismatch(field);
                value = TagValue.FromString(metric.StringValue);
                return StatusCodes.Good;
        }
    }

    // Sparkplug 3.0 stores Int8/Int16 sign-extended to 32 bits in int_value; some older edge nodes store only the low
    // 8/16 bits. Both are read; anything else does not fit the type.
    private static uint Signed(uint raw, int min, int max, uint lowMask, Func<int, TagValue> make, out TagValue value)
    {
        var wide = unchecked((int)raw);
        if (wide >= min && wide <= max)
        {
            value = make(wide);
            return StatusCodes.Good;
        }

        if (raw <= lowMask)
        {
            value = make(lowMask == 0xFF ? unchecked((sbyte)raw) : unchecked((short)raw));
            return StatusCodes.Good;
        }

        value = TagValue.Null;
        return StatusCodes.BadOutOfRange;
    }

    private static uint Mismatch(Case field) => field == Case.None ? StatusCodes.BadNoData : StatusCodes.BadTypeMismatch;
}
