using System.Buffers;
using System.Buffers.Binary;
using DataBridge.Schemas.Binary;

namespace DataBridge.Schemas.Serialization;

/// <summary>
/// The Confluent Schema Registry framing of a Kafka value: magic byte 0, the schema id as a 4-byte big-endian
/// integer, then the Avro binary datum. Used only when a schema registry is configured.
/// </summary>
public static class ConfluentWireFormat
{
    /// <summary>The first byte of every framed value.</summary>
    public const byte MagicByte = 0;

    /// <summary>Bytes before the Avro datum.</summary>
    public const int HeaderLength = 5;

    /// <summary>Appends the 5-byte header; write the datum right after it.</summary>
    public static void WriteHeader(int schemaId, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(HeaderLength);
        span[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], schemaId);
        output.Advance(HeaderLength);
    }

    /// <summary>Splits a framed value into its schema id and Avro datum.</summary>
    /// <exception cref="AvroDecodeException">The value is shorter than the header or does not start with magic byte 0.</exception>
    public static ReadOnlySpan<byte> ReadHeader(ReadOnlySpan<byte> value, out int schemaId)
    {
        if (value.Length < HeaderLength || value[0] != MagicByte)
        {
            throw new AvroDecodeException("Value is not in Confluent wire format (magic byte 0 + 4-byte schema id): the producer has no schema registry configured, or this is another topic.");
        }

        schemaId = BinaryPrimitives.ReadInt32BigEndian(value[1..]);
        return value[HeaderLength..];
    }
}
