using System.Buffers;
using Avro;
using Avro.Generic;
using Avro.IO;
using DataBridge.Schemas.Binary;
using DataBridge.Schemas.Kpi;

namespace DataBridge.Kpi.Tests.Schemas;

public sealed class KpiRecordSerializerTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 6, 0, 0, DateTimeKind.Utc);

    private static KpiRecord Sample() => new()
    {
        AssetPath = "acme/plant7/press/line2",
        Level = KpiRecordLevel.Line,
        Measured = false,
        Window = KpiRecordWindow.Shift,
        WindowName = "early",
        WindowStart = T0,
        WindowEnd = T0.AddHours(8),
        Availability = 0.9,
        Performance = 0.8888888,
        Quality = 0.95,
        Oee = 0.76,
        Teep = null,
        OeeTarget = 0.85,
        ThroughputPerHour = 96,
        ThroughputPlanPerHour = 100,
        GoodCount = 684,
        TotalCount = 720,
        PlannedBusySeconds = 27000,
        ActualProductionSeconds = 24300,
        DowntimeSeconds = 2700,
        DowntimeCount = 1,
        LongestDowntimeSeconds = 2700,
        MicroStopSeconds = 60,
        MicroStopCount = 1,
        BlockedSeconds = 0,
        StarvedSeconds = 0,
        PlannedStopSeconds = 0,
        UnknownSeconds = 12.5,
        State = "planned-stop",
        ComputedAt = T0.AddHours(8),
        DowntimeByReason = new Dictionary<string, double> { ["Jam"] = 2000, ["Tool change"] = 700 },
    };

    [Fact]
    public void Record_round_trips_through_the_span_reader()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var record = Sample();

        KpiRecordSerializer.Write(record, buffer);
        var back = KpiRecordSerializer.Read(buffer.WrittenSpan);

        Assert.Equal(record.AssetPath, back.AssetPath);
        Assert.Equal(record.Oee, back.Oee);
        Assert.Null(back.Teep);
        Assert.Equal(record.WindowEnd, back.WindowEnd);
        Assert.Equal(2700, back.DowntimeByReason["Jam"] + back.DowntimeByReason["Tool change"]);
        Assert.Equal(record with { DowntimeByReason = back.DowntimeByReason }, back);
    }

    [Fact]
    public void Apache_Avro_reads_the_bytes_with_kpi_record_avsc()
    {
        var buffer = new ArrayBufferWriter<byte>();
        KpiRecordSerializer.Write(Sample(), buffer);
        var bytes = buffer.WrittenSpan.ToArray();
        var schema = Schema.Parse(File.ReadAllText(DataBridge.Testing.Support.RepoPaths.Combine("src", "Schemas", "kpi-record.avsc")));

        using var stream = new MemoryStream(bytes);
        var generic = new GenericDatumReader<GenericRecord>(schema, schema).Read(null!, new BinaryDecoder(stream));

        Assert.Equal(bytes.Length, stream.Position);
        Assert.Equal("acme/plant7/press/line2", generic["assetPath"]);
        Assert.Equal("line", ((GenericEnum)generic["level"]).Value);
        Assert.Equal(0.76, (double)generic["oee"]);
        Assert.Null(generic["teep"]);
        Assert.Equal(720L, generic["totalCount"]);
        Assert.Equal("planned-stop", generic["state"]);
        Assert.Equal(2000.0, ((IDictionary<string, object>)generic["downtimeByReason"])["Jam"]);
    }

    [Fact]
    public void Truncated_or_hostile_bytes_give_a_typed_error()
    {
        var buffer = new ArrayBufferWriter<byte>();
        KpiRecordSerializer.Write(Sample(), buffer);
        var bytes = buffer.WrittenSpan.ToArray();

        for (var cut = 0; cut < bytes.Length; cut += 7)
        {
            Assert.Throws<AvroDecodeException>(() => KpiRecordSerializer.Read(bytes.AsSpan(0, cut)));
        }

        // A map block claiming a billion entries is refused before anything is allocated.
        var hostile = bytes[..^1].Concat(new byte[] { 0x80, 0xA8, 0xD6, 0xB9, 0x07 }).ToArray();
        Assert.Throws<AvroDecodeException>(() => KpiRecordSerializer.Read(hostile));
    }
}
