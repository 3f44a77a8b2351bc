using System.Buffers;
using DataBridge.Schemas.Binary;

namespace DataBridge.Schemas.Kpi;

/// <summary>Avro binary encoding of <see cref="KpiRecord"/> in the field order of kpi-record.avsc.</summary>
public static class KpiRecordSerializer
{
    /// <summary>File name of the embedded schema.</summary>
    public const string SchemaFile = "kpi-record.avsc";

    // A reason name is a short label; a record carries at most a few dozen.
    private const int MaxReasonBytes = 1024;
    private const int MaxReasons = 1000;

    private static readonly Lazy<Avro.RecordSchema> ParsedSchema = new(() => (Avro.RecordSchema)Avro.Schema.Parse(AvroSchemas.GetText(SchemaFile)));

    /// <summary>The parsed <c>io.databridge.KpiRecord</c> schema.</summary>
    public static Avro.RecordSchema Schema => ParsedSchema.Value;

    /// <summary>Appends the Avro encoding of <paramref name="record"/> to <paramref name="output"/>.</summary>
    public static void Write(KpiRecord record, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(output);
        var w = new AvroWriter(output);
        w.WriteString(record.AssetPath);
        w.WriteEnum((int)record.Level);
        w.WriteBoolean(record.Measured);
        w.WriteEnum((int)record.Window);
        w.WriteString(record.WindowName);
        w.WriteTimestampMicros(record.WindowStart);
        w.WriteTimestampMicros(record.WindowEnd);
        WriteNullable(ref w, record.Availability);
        WriteNullable(ref w, record.Performance);
        WriteNullable(ref w, record.Quality);
        WriteNullable(ref w, record.Oee);
        WriteNullable(ref w, record.Teep);
        WriteNullable(ref w, record.OeeTarget);
        WriteNullable(ref w, record.ThroughputPerHour);
        w.WriteDouble(record.ThroughputPlanPerHour);
        w.WriteLong(record.GoodCount);
        w.WriteLong(record.TotalCount);
        w.WriteDouble(record.PlannedBusySeconds);
        w.WriteDouble(record.ActualProductionSeconds);
        w.WriteDouble(record.DowntimeSeconds);
        w.WriteInt(record.DowntimeCount);
        w.WriteDouble(record.LongestDowntimeSeconds);
        w.WriteDouble(record.MicroStopSeconds);
        w.WriteInt(record.MicroStopCount);
        w.WriteDouble(record.BlockedSeconds);
        w.WriteDouble(record.StarvedSeconds);
        w.WriteDouble(record.PlannedStopSeconds);
        w.WriteDouble(record.UnknownSeconds);
        w.WriteString(record.State);
        w.WriteTimestampMicros(record.ComputedAt);
        if (record.DowntimeByReason.Count > 0)
        {
            w.WriteBlockCount(record.DowntimeByReason.Count);
            foreach (var (reason, seconds) in record.DowntimeByReason)
            {
                w.WriteString(reason);
                w.WriteDouble(seconds);
            }
        }

        w.WriteBlockCount(0);
    }

    /// <summary>Decodes one record.</summary>
    /// <exception cref="AvroDecodeException">The bytes are not a KpiRecord datum.</exception>
    public static KpiRecord Read(ReadOnlySpan<byte> data)
    {
        var r = new AvroReader(data);
        var assetPath = r.ReadString();
        var level = (KpiRecordLevel)r.ReadEnum(5);
        var measured = r.ReadBoolean();
        var window = (KpiRecordWindow)r.ReadEnum(2);
        var windowName = r.ReadString();
        var windowStart = r.ReadTimestampMicros();
        var windowEnd = r.ReadTimestampMicros();
        var availability = ReadNullable(ref r);
        var performance = ReadNullable(ref r);
        var quality = ReadNullable(ref r);
        var oee = ReadNullable(ref r);
        var teep = ReadNullable(ref r);
        var target = ReadNullable(ref r);
        var throughput = ReadNullable(ref r);
        var plan = r.ReadDouble();
        var good = r.ReadLong();
        var total = r.ReadLong();
        var pbt = r.ReadDouble();
        var apt = r.ReadDouble();
        var down = r.ReadDouble();
        var downCount = r.ReadInt();
        var longest = r.ReadDouble();
        var micro = r.ReadDouble();
        var microCount = r.ReadInt();
        var blocked = r.ReadDouble();
        var starved = r.ReadDouble();
        var plannedStop = r.ReadDouble();
        var unknown = r.ReadDouble();
        var state = r.ReadString(MaxReasonBytes);
        var computedAt = r.ReadTimestampMicros();
        var reasons = new Dictionary<string, double>(StringComparer.Ordinal);
        while (true)
        {
            // Each entry is at least a 1-byte string length and an 8-byte double.
            var count = r.ReadBlockCount(9, MaxReasons - reasons.Count);
            if (count == 0)
            {
                break;
            }

            for (var i = 0; i < count; i++)
            {
                var key = r.ReadString(MaxReasonBytes);
                reasons[key] = r.ReadDouble();
            }
        }

        r.EnsureEnd();
        return new KpiRecord
        {
            AssetPath = assetPath,
            Level = level,
            Measured = measured,
            Window = window,
            WindowName = windowName,
            WindowStart = windowStart,
            WindowEnd = windowEnd,
            Availability = availability,
            Performance = performance,
            Quality = quality,
            Oee = oee,
            Teep = teep,
            OeeTarget = target,
            ThroughputPerHour = throughput,
            ThroughputPlanPerHour = plan,
            GoodCount = good,
            TotalCount = total,
            PlannedBusySeconds = pbt,
            ActualProductionSeconds = apt,
            DowntimeSeconds = down,
            DowntimeCount = downCount,
            LongestDowntimeSeconds = longest,
            MicroStopSeconds = micro,
            MicroStopCount = microCount,
            BlockedSeconds = blocked,
            StarvedSeconds = starved,
            PlannedStopSeconds = plannedStop,
            UnknownSeconds = unknown,
            State = state,
            ComputedAt = computedAt,
            DowntimeByReason = reasons,
        };
    }

    private static void WriteNullable(ref AvroWriter w, double? value)
    {
        if (value is { } v)
        {
            w.WriteUnionIndex(1);
            w.WriteDouble(v);
        }
        else
        {
            w.WriteUnionIndex(0);
        }
    }

    private static double? ReadNullable(ref AvroReader r) => r.ReadUnionIndex(2) == 1 ? r.ReadDouble() : null;
}
