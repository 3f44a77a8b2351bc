using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>
/// Turns notification values into the bridge's common <see cref="Sample"/>. Scalars of the numeric, Boolean, String and
/// DateTime built-in types map to <see cref="TagValue"/>; arrays and other types become <see cref="TagValue.Null"/>
/// (the status and timestamps still pass) until the record schema carries them.
/// </summary>
public static class VariantConversion
{
    /// <summary>A data value (from a notification or a Read) as a sample: value, status, source and server timestamps.</summary>
    public static Sample ToSample(in DataValue value) =>
        new(ToTagValue(value.Value), value.Status, value.SourceTimestamp, value.ServerTimestamp);

    /// <summary>A scalar the bridge carries as its <see cref="TagValue"/>; anything else as <see cref="TagValue.Null"/>.</summary>
    public static TagValue ToTagValue(in Variant value)
    {
        if (value.IsArray)
        {
            return TagValue.Null;
        }

        return value.Type switch
        {
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
            BuiltInType.String => value.GetString() is { } text ? TagValue.FromString(text) : TagValue.Null,
            BuiltInType.DateTime => TagValue.FromDateTime(value.GetDateTime()),
            _ => TagValue.Null,
        };
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
