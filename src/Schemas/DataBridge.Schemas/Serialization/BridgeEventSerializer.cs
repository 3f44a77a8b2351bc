using System.Buffers;
using DataBridge.Schemas.Binary;

namespace DataBridge.Schemas.Serialization;

/// <summary>Avro binary encoding of <see cref="BridgeEventRecord"/> in the field order of bridge-event.avsc.</summary>
public static class BridgeEventSerializer
{
    private static readonly int KindCount = Enum.GetValues<BridgeEventKind>().Length;

    /// <summary>Appends the Avro encoding of <paramref name="record"/> to <paramref name="output"/>.</summary>
    public static void Write(BridgeEventRecord record, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(output);
        var w = new AvroWriter(output);
        w.WriteString(record.BridgeId);
        w.WriteEnum((int)record.Kind < KindCount ? (int)record.Kind : (int)BridgeEventKind.Unknown);
        w.WriteTimestampMicros(record.Timestamp);
        w.WriteString(record.Detail);

        // Avro map: blocks of (key, value) pairs ended by a zero count; one block is enough.
        if (record.Attributes.Count > 0)
        {
            w.WriteBlockCount(record.Attributes.Count);
            foreach (var (key, value) in record.Attributes)
            {
                w.WriteString(key);
                w.WriteString(value);
            }
        }

        w.WriteBlockCount(0);
    }

    /// <summary>Decodes one record.</summary>
    /// <exception cref="AvroDecodeException">The bytes are not a BridgeEvent datum.</exception>
    public static BridgeEventRecord Read(ReadOnlySpan<byte> data)
    {
        var r = new AvroReader(data);
        var bridgeId = r.ReadString();
        var kind = (BridgeEventKind)r.ReadEnum(KindCount);
        var timestamp = r.ReadTimestampMicros();
        var detail = r.ReadString();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            // Each entry is at least two bytes: an empty key and an empty value.
            var count = r.ReadBlockCount(minItemBytes: 2, maxItems: AvroLimits.MaxMapEntries - attributes.Count);
            if (count == 0)
            {
                break;
            }

            for (var i = 0; i < count; i++)
            {
                var key = r.ReadString();
                attributes[key] = r.ReadString();
            }
        }

        r.EnsureEnd();
        return new BridgeEventRecord(bridgeId, kind, timestamp, detail, attributes);
    }
}
