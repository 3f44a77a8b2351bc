using System.Buffers.Binary;
using System.Text;

namespace DataBridge.Testing.Diode;

/// <summary>
/// The records diode tests send: content derived from (source, sequence), so the receiving side checks every byte
/// without a copy of what was sent (the sender may run in another process).
/// </summary>
public static class DiodeTestRecords
{
    public static string SourceId(int index) => $"plc-{index:D2}";

    public static byte[] Key(string sourceId) => Encoding.UTF8.GetBytes($"acme/plant7/line2/{sourceId}/temperature");

    /// <summary>60 bytes, about one Avro tag value: the sequence, then bytes that depend on source and sequence.</summary>
    public static byte[] Value(string sourceId, long sequence)
    {
        var value = new byte[60];
        BinaryPrimitives.WriteInt64BigEndian(value, sequence);
        // Not string.GetHashCode: it is randomised per process, and sender and receiver may be two processes.
        var seed = (uint)sequence;
        foreach (var c in sourceId)
        {
            seed = (seed * 31) + c;
        }

        for (var i = 8; i < value.Length; i++)
        {
            seed = (seed * 1103515245) + 12345;
            value[i] = (byte)(seed >> 16);
        }

        return value;
    }

    public static bool IsExpected(string sourceId, long sequence, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) =>
        key.SequenceEqual(Key(sourceId)) && value.SequenceEqual(Value(sourceId, sequence));
}
