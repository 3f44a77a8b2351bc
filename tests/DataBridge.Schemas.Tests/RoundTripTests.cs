using System.Globalization;
using Avro.Generic;
using CsCheck;
using DataBridge.Core;
using DataBridge.Schemas.Serialization;

namespace DataBridge.Schemas.Tests;

public sealed class RoundTripTests
{
    [Fact]
    public void Tag_value_records_are_read_by_apache_avro_with_the_avsc_and_by_our_decoder()
    {
        Generators.TagValueRecord.Sample(record =>
        {
            var bytes = GenericAvro.Encode(record, (r, b) => TagValueSerializer.Write(r, b));
            var g = GenericAvro.Read(AvroSchemas.TagValue, bytes);
            Assert.Equal(record.TagId, g["tagId"]);
            Assert.Equal(record.AssetPath, g["assetPath"]);
            Assert.Equal(ExpectedGenericValue(record.Value), g["value"]);
            Assert.Equal(record.Value.Kind.ToString(), g["valueType"]);
            Assert.Equal((long)record.Quality.Code, g["qualityCode"]);
            Assert.Equal(record.Quality.Name, g["qualityText"]);
            Assert.Equal(record.SourceTimestamp, AsUtc(g["sourceTimestamp"]));
            Assert.Equal(record.ServerTimestamp, AsUtc(g["serverTimestamp"]));
            Assert.Equal(record.BridgeTimestamp, AsUtc(g["bridgeTimestamp"]));
            Assert.Equal(record.SourceId, g["sourceId"]);
            Assert.Equal(record.Sequence, g["sequence"]);
            Assert.Equal(record, TagValueSerializer.Read(bytes));
        }, iter: 2000);
    }

    [Fact]
    public void Tag_metadata_records_are_read_by_apache_avro_with_the_avsc_and_by_our_decoder()
    {
        Generators.TagMetadataRecord.Sample(record =>
        {
            var bytes = GenericAvro.Encode(record, TagMetadataSerializer.Write);
            var g = GenericAvro.Read(AvroSchemas.TagMetadata, bytes);
            Assert.Equal(record.TagId, g["tagId"]);
            Assert.Equal(record.AssetPath, g["assetPath"]);
            Assert.Equal(record.SourceId, g["sourceId"]);
            Assert.Equal(record.SourceAddress, g["sourceAddress"]);
            Assert.Equal(record.DataType.ToString(), g["dataType"]);
            Assert.Equal(record.Unit, g["unit"]);
            Assert.Equal(record.UnitDisplayName, g["unitDisplayName"]);
            Assert.Equal(record.ScaleFactor, g["scaleFactor"]);
            Assert.Equal(record.ScaleOffset, g["scaleOffset"]);
            Assert.Equal(record.Deadband, g["deadband"]);
            Assert.Equal(record.HeartbeatMs, (long?)g["heartbeatMs"]);
            Assert.Equal(record.Description, g["description"]);
            Assert.Equal(record.UpdatedAt, AsUtc(g["updatedAt"]));
            Assert.Equal(record.UnitDescription, g["unitDescription"]);
            Assert.Equal(record.EURange, AsRange(g["euRange"]));
            Assert.Equal(record.InstrumentRange, AsRange(g["instrumentRange"]));
            Assert.Equal(record, TagMetadataSerializer.Read(bytes));
        }, iter: 1000);
    }

    [Fact]
    public void Gap_records_are_read_by_apache_avro_with_the_avsc_and_by_our_decoder()
    {
        Generators.GapRecord.Sample(record =>
        {
            var bytes = GenericAvro.Encode(record, GapSerializer.Write);
            var g = GenericAvro.Read(AvroSchemas.Gap, bytes);
            Assert.Equal(record.SourceId, g["sourceId"]);
            Assert.Equal(record.FirstSequence, g["firstSequence"]);
            Assert.Equal(record.LastSequence, g["lastSequence"]);
            Assert.Equal(EnumSymbols.ToSymbol(record.Reason), ((GenericEnum)g["reason"]).Value);
            Assert.Equal(record.DetectedAt, AsUtc(g["detectedAt"]));
            Assert.Equal(record.BridgeId, g["bridgeId"]);
            Assert.Equal(record, GapSerializer.Read(bytes));
        }, iter: 1000);
    }

    [Fact]
    public void Bridge_event_records_are_read_by_apache_avro_with_the_avsc_and_by_our_decoder()
    {
        Generators.BridgeEventRecord.Sample(record =>
        {
            var bytes = GenericAvro.Encode(record, BridgeEventSerializer.Write);
            var g = GenericAvro.Read(AvroSchemas.BridgeEvent, bytes);
            Assert.Equal(record.BridgeId, g["bridgeId"]);
            Assert.Equal(EnumSymbols.ToSymbol(record.Kind), ((GenericEnum)g["kind"]).Value);
            Assert.Equal(record.Timestamp, AsUtc(g["timestamp"]));
            Assert.Equal(record.Detail, g["detail"]);
            var attrs = (IDictionary<string, object>)g["attributes"];
            Assert.Equal(record.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal), attrs.Select(kv => KeyValuePair.Create(kv.Key, (string)kv.Value)).OrderBy(kv => kv.Key, StringComparer.Ordinal));
            var back = BridgeEventSerializer.Read(bytes);
            Assert.Equal(record with { Attributes = back.Attributes }, back);
            Assert.Equal(record.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal), back.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        }, iter: 1000);
    }

    [Fact]
    public void Data_written_by_apache_avro_is_read_by_our_decoder()
    {
        var g = new GenericRecord(AvroSchemas.TagValue);
        g.Add("tagId", "acme/plant7/press/line2/press07/temperature");
        g.Add("assetPath", "acme/plant7/press/line2/press07");
        g.Add("value", 71.25d);
        g.Add("valueType", "Double");
        g.Add("qualityCode", 0L);
        g.Add("qualityText", "Good");
        var t = new DateTime(2026, 11, 24, 23, 0, 0, DateTimeKind.Utc).AddTicks(1234560);
        g.Add("sourceTimestamp", t);
        g.Add("serverTimestamp", t);
        g.Add("bridgeTimestamp", t);
        g.Add("sourceId", "opcua-press07");
        g.Add("sequence", 42L);
        var record = TagValueSerializer.Read(GenericAvro.Write(AvroSchemas.TagValue, g));
        Assert.Equal(new TagValueRecord("opcua-press07", 42, "acme/plant7/press/line2/press07/temperature", "acme/plant7/press/line2/press07", TagValue.FromDouble(71.25), new StatusCode(0), t, t, t), record);
    }

    [Fact]
    public void Absent_source_and_server_timestamps_are_null_on_the_wire_not_0001_01_01()
    {
        var bridge = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
        var record = new TagValueRecord("s", 1, "t", "a", TagValue.Null, new StatusCode(StatusCodes.BadNoCommunication), default, default, bridge);
        var bytes = GenericAvro.Encode(record, (r, b) => TagValueSerializer.Write(r, b));
        var g = GenericAvro.Read(AvroSchemas.TagValue, bytes);
        Assert.Null(g["sourceTimestamp"]);
        Assert.Null(g["serverTimestamp"]);
        Assert.Equal(bridge, AsUtc(g["bridgeTimestamp"]));
        Assert.Equal(record, TagValueSerializer.Read(bytes));
    }

    [Theory]
    [InlineData(ValueKind.String)]
    [InlineData(ValueKind.DateTime)]
    public void An_empty_string_or_date_is_a_null_value_whose_valueType_names_the_type(ValueKind kind)
    {
        var t = DateTime.UnixEpoch;
        var record = new TagValueRecord("s", 1, "t", "a", TagValue.Empty(kind), new StatusCode(0), t, t, t);
        var bytes = GenericAvro.Encode(record, (r, b) => TagValueSerializer.Write(r, b));
        var g = GenericAvro.Read(AvroSchemas.TagValue, bytes);
        Assert.Null(g["value"]);
        Assert.Equal(kind.ToString(), g["valueType"]);
        var back = TagValueSerializer.Read(bytes);
        Assert.Equal(record, back);
        Assert.False(back.Value.HasValue);
    }

    [Fact]
    public void Data_written_with_the_previous_tag_value_schema_is_read_with_the_current_one()
    {
        // What is already on the topics (timestamps were plain longs) stays readable after the change to nullable.
        var previous = Avro.Schema.Parse(File.ReadAllText(DataBridge.Testing.Support.RepoPaths.Combine("src", "Schemas", "previous", "tag-value.avsc")));
        var g = new GenericRecord((Avro.RecordSchema)previous);
        var t = new DateTime(2026, 11, 24, 23, 0, 0, DateTimeKind.Utc);
        g.Add("tagId", "x/y");
        g.Add("assetPath", "x");
        g.Add("value", 1.5d);
        g.Add("valueType", "Double");
        g.Add("qualityCode", 0L);
        g.Add("qualityText", "Good");
        g.Add("sourceTimestamp", t);
        g.Add("serverTimestamp", t);
        g.Add("bridgeTimestamp", t);
        g.Add("sourceId", "s");
        g.Add("sequence", 7L);
        var bytes = GenericAvro.Write(previous, g);
        var resolved = new Avro.Generic.GenericDatumReader<GenericRecord>(previous, AvroSchemas.TagValue).Read(null!, new Avro.IO.BinaryDecoder(new MemoryStream(bytes)));
        Assert.Equal(t, AsUtc(resolved["sourceTimestamp"]));
        Assert.Equal(t, AsUtc(resolved["serverTimestamp"]));
    }

    [Fact]
    public void Data_written_with_the_previous_tag_metadata_schema_reads_with_no_ranges()
    {
        var previous = Avro.Schema.Parse(File.ReadAllText(DataBridge.Testing.Support.RepoPaths.Combine("src", "Schemas", "previous", "tag-metadata.avsc")));
        var record = new TagMetadataRecord { TagId = "x/y", AssetPath = "x", SourceId = "s", SourceAddress = "a", DataType = ValueKind.Double, UpdatedAt = DateTime.UnixEpoch };
        var g = new GenericRecord((Avro.RecordSchema)previous);
        foreach (var (name, value) in new (string, object?)[] { ("tagId", "x/y"), ("assetPath", "x"), ("sourceId", "s"), ("sourceAddress", "a"), ("dataType", "Double"), ("unit", null), ("unitDisplayName", null), ("scaleFactor", 1.0), ("scaleOffset", 0.0), ("deadband", 0.0), ("heartbeatMs", null), ("description", null), ("updatedAt", DateTime.UnixEpoch) })
        {
            g.Add(name, value);
        }

        var bytes = GenericAvro.Write(previous, g);
        var resolved = new Avro.Generic.GenericDatumReader<GenericRecord>(previous, AvroSchemas.TagMetadata).Read(null!, new Avro.IO.BinaryDecoder(new MemoryStream(bytes)));
        Assert.Null(resolved["euRange"]);
        Assert.Null(resolved["instrumentRange"]);
        Assert.Null(resolved["unitDescription"]);
        Assert.Equal(record.TagId, resolved["tagId"]);
    }

    [Fact]
    public void UInt64_above_long_max_travels_as_decimal_text()
    {
        var record = new TagValueRecord("s", 1, "t", "a", TagValue.FromUInt64(ulong.MaxValue), new StatusCode(0), DateTime.UnixEpoch, DateTime.UnixEpoch, DateTime.UnixEpoch);
        var bytes = GenericAvro.Encode(record, (r, b) => TagValueSerializer.Write(r, b));
        Assert.Equal("18446744073709551615", GenericAvro.Read(AvroSchemas.TagValue, bytes)["value"]);
        Assert.Equal(ulong.MaxValue, TagValueSerializer.Read(bytes).Value.AsUInt64());
    }

    [Fact]
    public void Enum_members_follow_the_symbol_order_of_the_avsc()
    {
        var gapSymbols = ((Avro.EnumSchema)AvroSchemas.Gap["reason"].Schema).Symbols;
        Assert.Equal(Enum.GetValues<GapReason>().Select(EnumSymbols.ToSymbol), gapSymbols);
        var kindSymbols = ((Avro.EnumSchema)AvroSchemas.BridgeEvent["kind"].Schema).Symbols;
        Assert.Equal(Enum.GetValues<BridgeEventKind>().Select(EnumSymbols.ToSymbol), kindSymbols);
    }

    private static object? ExpectedGenericValue(TagValue v) => v.Kind switch
    {
        ValueKind.Null => null,
        ValueKind.Boolean => v.AsBoolean(),
        ValueKind.SByte or ValueKind.Byte or ValueKind.Int16 or ValueKind.UInt16 or ValueKind.Int32 => (int)v.AsInt64(),
        ValueKind.UInt32 or ValueKind.Int64 => v.AsInt64(),
        ValueKind.UInt64 => v.AsUInt64() <= long.MaxValue ? v.AsInt64() : v.AsUInt64().ToString(CultureInfo.InvariantCulture),
        ValueKind.Float => (float)v.AsDouble(),
        ValueKind.Double => v.AsDouble(),
        ValueKind.String => v.AsString(),
        ValueKind.DateTime => v.AsDateTime().ToString("O", CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException(),
    };

    private static DateTime AsUtc(object o) => ((DateTime)o).ToUniversalTime();

    private static ValueRange? AsRange(object? generic) =>
        generic is GenericRecord r ? new ValueRange((double)r["low"], (double)r["high"]) : null;
}
