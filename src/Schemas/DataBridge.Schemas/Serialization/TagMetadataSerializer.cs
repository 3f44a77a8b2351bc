using System.Buffers;
using DataBridge.Schemas.Binary;

namespace DataBridge.Schemas.Serialization;

/// <summary>Avro binary encoding of <see cref="TagMetadataRecord"/> in the field order of tag-metadata.avsc.</summary>
public static class TagMetadataSerializer
{
    /// <summary>Appends the Avro encoding of <paramref name="record"/> to <paramref name="output"/>.</summary>
    public static void Write(TagMetadataRecord record, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(output);
        var w = new AvroWriter(output);
        w.WriteString(record.TagId);
        w.WriteString(record.AssetPath);
        w.WriteString(record.SourceId);
        w.WriteString(record.SourceAddress);
        w.WriteUtf8(ValueKindNames.Utf8Name(record.DataType));
        NullableString.Write(ref w, record.Unit);
        NullableString.Write(ref w, record.UnitDisplayName);
        w.WriteDouble(record.ScaleFactor);
        w.WriteDouble(record.ScaleOffset);
        w.WriteDouble(record.Deadband);
        if (record.HeartbeatMs is { } heartbeat)
        {
            w.WriteUnionIndex(1);
            w.WriteLong(heartbeat);
        }
        else
        {
            w.WriteUnionIndex(0);
        }

        NullableString.Write(ref w, record.Description);
        w.WriteTimestampMicros(record.UpdatedAt);
        NullableString.Write(ref w, record.UnitDescription);
        WriteRange(ref w, record.EURange);
        WriteRange(ref w, record.InstrumentRange);
    }

    private static void WriteRange(ref AvroWriter w, ValueRange? range)
    {
        if (range is { } r)
        {
            w.WriteUnionIndex(1);
            w.WriteDouble(r.Low);
            w.WriteDouble(r.High);
        }
        else
        {
            w.WriteUnionIndex(0);
        }
    }

    private static ValueRange? ReadRange(ref AvroReader r) =>
        r.ReadUnionIndex(2) == 1 ? new ValueRange(r.ReadDouble(), r.ReadDouble()) : null;

    /// <summary>Decodes one record.</summary>
    /// <exception cref="AvroDecodeException">The bytes are not a TagMetadata datum.</exception>
    public static TagMetadataRecord Read(ReadOnlySpan<byte> data)
    {
        var r = new AvroReader(data);
        var tagId = r.ReadString();
        var assetPath = r.ReadString();
        var sourceId = r.ReadString();
        var sourceAddress = r.ReadString();
        var typeStart = r.Position;
        if (!ValueKindNames.TryParse(r.ReadUtf8(64), out var dataType))
        {
            throw AvroDecodeException.At(typeStart, "dataType is not a known ValueKind name");
        }

        var unit = NullableString.Read(ref r);
        var unitName = NullableString.Read(ref r);
        var factor = r.ReadDouble();
        var offset = r.ReadDouble();
        var deadband = r.ReadDouble();
        long? heartbeat = r.ReadUnionIndex(2) == 1 ? r.ReadLong() : null;
        var description = NullableString.Read(ref r);
        var updatedAt = r.ReadTimestampMicros();
        var unitDescription = NullableString.Read(ref r);
        var euRange = ReadRange(ref r);
        var instrumentRange = ReadRange(ref r);
        r.EnsureEnd();
        return new TagMetadataRecord
        {
            TagId = tagId,
            AssetPath = assetPath,
            SourceId = sourceId,
            SourceAddress = sourceAddress,
            DataType = dataType,
            Unit = unit,
            UnitDisplayName = unitName,
            ScaleFactor = factor,
            ScaleOffset = offset,
            Deadband = deadband,
            HeartbeatMs = heartbeat,
            Description = description,
            UpdatedAt = updatedAt,
            UnitDescription = unitDescription,
            EURange = euRange,
            InstrumentRange = instrumentRange,
        };
    }
}
