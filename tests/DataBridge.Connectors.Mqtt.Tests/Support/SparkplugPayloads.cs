using DataBridge.Connectors.Mqtt.Encoding;
using DataBridge.Connectors.Mqtt.Encoding.Proto;
using Google.Protobuf;
using Metric = DataBridge.Connectors.Mqtt.Encoding.Proto.Payload.Types.Metric;

namespace DataBridge.Connectors.Mqtt.Tests.Support;

/// <summary>Builds Sparkplug B payloads the way an edge node would, with the generated protobuf model.</summary>
internal static class SparkplugPayloads
{
    public static readonly DateTime T0 = new(2026, 12, 5, 6, 0, 0, DateTimeKind.Utc);

    public static ulong Ms(DateTime t) => SparkplugTime.ToEpochMilliseconds(t);

    public static Payload Payload(DateTime timestamp, ulong? seq, params Metric[] metrics)
    {
        var p = new Payload { Timestamp = Ms(timestamp) };
        if (seq is { } s)
        {
            p.Seq = s;
        }

        p.Metrics.AddRange(metrics);
        return p;
    }

    public static Metric BdSeq(ulong value) => new() { Name = "bdSeq", Datatype = (uint)SparkplugDataType.UInt64, LongValue = value };

    public static Metric Double(string name, ulong alias, double value, string? unit = null)
    {
        var m = new Metric { Name = name, Alias = alias, Datatype = (uint)SparkplugDataType.Double, DoubleValue = value };
        if (unit is not null)
        {
            m.Properties = new Payload.Types.PropertySet();
            m.Properties.Keys.Add("engUnit");
            m.Properties.Values.Add(new Payload.Types.PropertyValue { Type = (uint)SparkplugDataType.String, StringValue = unit });
        }

        return m;
    }

    public static Metric Int32(string name, ulong alias, int value) => new() { Name = name, Alias = alias, Datatype = (uint)SparkplugDataType.Int32, IntValue = unchecked((uint)value) };

    public static Metric DoubleByAlias(ulong alias, double value) => new() { Alias = alias, DoubleValue = value };

    public static Metric Int32ByAlias(ulong alias, int value) => new() { Alias = alias, IntValue = unchecked((uint)value) };

    public static Metric DoubleByName(string name, double value) => new() { Name = name, DoubleValue = value };

    public static byte[] Bytes(this Payload payload) => payload.ToByteArray();
}
