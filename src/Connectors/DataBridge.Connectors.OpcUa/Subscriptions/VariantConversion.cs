using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>
/// Turns notification values into the bridge's common <see cref="Sample"/>. Scalars of the numeric, Boolean, String and
/// DateTime built-in types map to <see cref="TagValue"/>. A value the bridge cannot carry (an array, or another built-in
/// type) is never passed on as an empty value with the server's Good quality, which would hide the loss: its sample
/// carries <c>BadTypeMismatch</c> (Part 4 §7.39: the value is not of the type the bridge expects) with the server's
/// timestamps, until the record schema carries such values.
/// </summary>
public static class VariantConversion
{
    /// <summary>A data value (from a notification or a Read) as a sample: value, status, source and server timestamps.</summary>
    public static Sample ToSample(in DataValue value)
    {
        if (TryToTagValue(value.Value, out var tagValue) || value.Status.IsBad)
        {
            return new(tagValue, value.Status, value.SourceTimestamp, value.ServerTimestamp);
        }

        return new(TagValue.Null, new StatusCode(StatusCodes.BadTypeMismatch), value.SourceTimestamp, value.ServerTimestamp);
    }

    /// <summary>A scalar the bridge carries as its <see cref="TagValue"/>; anything else as <see cref="TagValue.Null"/>.</summary>
    public static TagValue ToTagValue(in Variant value) => TryToTagValue(value, out var v) ? v : TagValue.Null;

    /// <summary>
    /// The value as the bridge carries it. False for arrays and built-in types the bridge does not carry (the value is
    /// then <see cref="TagValue.Null"/>). An empty Variant is carried as <see cref="TagValue.Null"/>; a null String and
    /// the DateTime that means "no date" (Part 6 §5.2.2.5: 0, i.e. at or before 1601-01-01) as an empty value of their
    /// type, never as a fake date.
    /// </summary>
    public static bool TryToTagValue(in Variant value, out TagValue result)
    {
        if (value.IsArray)
        {
            result = TagValue.Null;
            return false;
        }

        result = value.Type switch
        {
            BuiltInType.Null => TagValue.Null,
            BuiltInType.Boolean => TagValue.FromBoolean(value.GetBoolean()),
            BuiltInType.SByte => TagValue.FromSByte(value.GetSByte()),
            BuiltInType.Byte => TagValue.FromByte(value.GetByte()),
            BuiltInType.Int16 => TagValue.FromInt16(value.GetInt16()),
            BuiltInType.UInt16 => TagValue.FromUInt16(value.GetUInt16()),
            BuiltInType.Int32 => TagValue.FromInt32(value.GetInt32()),
            BuiltInType.UInt32 => TagValue.FromUInt32(value.GetUInt32()),
            BuiltInType.Int64 => TagValue.FromInt64(value.GetInt64()),
            BuiltInType.UInt64 => TagValue.FromUInt64(value.GetUInt64()),
            BuiltInType.Float => TagValue.FromFloat(value.GetFloat()),
            BuiltInType.Double => TagValue.FromDouble(value.GetDouble()),
            BuiltInType.String => value.GetString() is { } text ? TagValue.FromString(text) : TagValue.Empty(ValueKind.String),
            BuiltInType.DateTime => value.GetDateTime() is var d && d.Ticks <= OpcUaDateTime.EpochTicks ? TagValue.Empty(ValueKind.DateTime) : TagValue.FromDateTime(d),
            _ => TagValue.Null,
        };
        return value.Type is >= BuiltInType.Null and <= BuiltInType.DateTime;
    }

    /// <summary>The data changes of one NotificationMessage as item notifications (event and status parts are skipped).</summary>
    public static ItemNotification[] ToNotifications(NotificationMessage message)
    {
        var data = message.NotificationData;
        if (data is null || data.Length == 0)
        {
            return [];
        }

        var count = 0;
        foreach (var part in data)
        {
            if (part.Decoded is DataChangeNotification { MonitoredItems: { } items })
            {
                count += items.Length;
            }
        }

        var result = new ItemNotification[count];
        var next = 0;
        foreach (var part in data)
        {
            if (part.Decoded is DataChangeNotification { MonitoredItems: { } items })
            {
                foreach (var item in items)
                {
                    result[next++] = new ItemNotification(item.ClientHandle, ToSample(item.Value));
                }
            }
        }

        return result;
    }
}
