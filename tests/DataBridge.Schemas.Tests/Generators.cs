using CsCheck;
using DataBridge.Core;
using DataBridge.Schemas;
using DataBridge.Schemas.Binary;

namespace DataBridge.Schemas.Tests;

/// <summary>CsCheck generators of records whose every field survives the wire exactly (timestamps in whole microseconds).</summary>
internal static class Generators
{
    public static readonly Gen<DateTime> Timestamp =
        Gen.Long[DateTime.UnixEpoch.Ticks - (86_400L * 365 * 50 * TimeSpan.TicksPerSecond), DateTime.UnixEpoch.Ticks + (86_400L * 365 * 100 * TimeSpan.TicksPerSecond)]
            .Select(t => AvroTime.TruncateToMicros(new DateTime(t, DateTimeKind.Utc)));

    public static readonly Gen<string> Text = Gen.String[Gen.Char, 0, 40];

    public static readonly Gen<TagValue> Value = Gen.OneOf(
        Gen.Const(TagValue.Null),
        Gen.Bool.Select(TagValue.FromBoolean),
        Gen.SByte.Select(TagValue.FromSByte),
        Gen.Byte.Select(TagValue.FromByte),
        Gen.Short.Select(TagValue.FromInt16),
        Gen.UShort.Select(TagValue.FromUInt16),
        Gen.Int.Select(TagValue.FromInt32),
        Gen.UInt.Select(TagValue.FromUInt32),
        Gen.Long.Select(TagValue.FromInt64),
        Gen.ULong.Select(TagValue.FromUInt64),
        Gen.Float.Where(f => !float.IsNaN(f)).Select(TagValue.FromFloat),
        Gen.Double.Where(d => !double.IsNaN(d)).Select(TagValue.FromDouble),
        Text.Select(TagValue.FromString),
        Gen.Long[0, DateTime.MaxValue.Ticks].Select(t => TagValue.FromDateTime(new DateTime(t, DateTimeKind.Utc))));

    public static readonly Gen<TagValueRecord> TagValueRecord =
        Gen.Select(Text, Gen.Long, Text, Text, Value, Gen.UInt, Gen.Select(Timestamp, Timestamp, Timestamp))
            .Select((src, seq, tag, asset, value, q, ts) => new TagValueRecord(src, seq, tag, asset, value, new StatusCode(q), ts.Item1, ts.Item2, ts.Item3));

    public static readonly Gen<ValueRange?> Range =
        Gen.Select(Gen.Double, Gen.Double).Select((low, high) => new ValueRange(low, high)).Nullable();

    public static readonly Gen<TagMetadataRecord> TagMetadataRecord =
        Gen.Select(Gen.Select(Text, Text, Text, Text, Gen.Enum<ValueKind>(), Text.Null(), Text.Null()), Gen.Double, Gen.Double, Gen.Double, Gen.Long.Nullable(), Text.Null(), Timestamp, Gen.Select(Text.Null(), Range, Range))
            .Select((a, factor, offset, deadband, heartbeat, description, updated, server) => new TagMetadataRecord
            {
                TagId = a.Item1,
                AssetPath = a.Item2,
                SourceId = a.Item3,
                SourceAddress = a.Item4,
                DataType = a.Item5,
                Unit = a.Item6,
                UnitDisplayName = a.Item7,
                ScaleFactor = factor,
                ScaleOffset = offset,
                Deadband = deadband,
                HeartbeatMs = heartbeat,
                Description = description,
                UpdatedAt = updated,
                UnitDescription = server.Item1,
                EURange = server.Item2,
                InstrumentRange = server.Item3,
            });

    public static readonly Gen<GapRecord> GapRecord =
        Gen.Select(Text, Gen.Long, Gen.Long, Gen.Enum<GapReason>(), Timestamp, Text)
            .Select((s, f, l, r, t, b) => new GapRecord(s, f, l, r, t, b));

    public static readonly Gen<BridgeEventRecord> BridgeEventRecord =
        Gen.Select(Text, Gen.Enum<BridgeEventKind>(), Timestamp, Text, Gen.Dictionary(Text, Text)[0, 5])
            .Select((b, k, t, d, attrs) => new BridgeEventRecord(b, k, t, d, attrs));
}
