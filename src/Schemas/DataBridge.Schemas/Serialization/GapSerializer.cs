using System.Buffers;
using DataBridge.Schemas.Binary;

namespace DataBridge.Schemas.Serialization;

/// <summary>Avro binary encoding of <see cref="GapRecord"/> in the field order of gap.avsc.</summary>
public static class GapSerializer
{
    private static readonly int ReasonCount = Enum.GetValues<GapReason>().Length;

    /// <summary>Appends the Avro encoding of <paramref name="record"/> to <paramref name="output"/>.</summary>
    public static void Write(GapRecord record, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(output);
        var w = new AvroWriter(output);
        w.WriteString(record.SourceId);
        w.WriteLong(record.FirstSequence);
        w.WriteLong(record.LastSequence);
        w.WriteEnum((int)record.Reason < ReasonCount ? (int)record.Reason : (int)GapReason.Unknown);
        w.WriteTimestampMicros(record.DetectedAt);
        w.WriteString(record.BridgeId);
    }

    /// <summary>Decodes one record.</summary>
    /// <exception cref="AvroDecodeException">The bytes are not a Gap datum.</exception>
    public static GapRecord Read(ReadOnlySpan<byte> data)
    {
        var r = new AvroReader(data);
        var sourceId = r.ReadString();
        var first = r.ReadLong();
        var last = r.ReadLong();
        var reason = (GapReason)r.ReadEnum(ReasonCount);
        var detectedAt = r.ReadTimestampMicros();
        var bridgeId = r.ReadString();
        r.EnsureEnd();
        return new GapRecord(sourceId, first, last, reason, detectedAt, bridgeId);
    }
}
