using Avro;
using Avro.Generic;
using Avro.IO;

namespace DataBridge.Schemas.Binary;

/// <summary>
/// Apache.Avro's generic reader behind <see cref="AvroDatumValidator"/>: for consumers that want
/// <see cref="GenericRecord"/>s (any writer schema, schema resolution) from untrusted Kafka values.
/// </summary>
public sealed class GuardedGenericReader
{
    private readonly Schema _writer;
    private readonly GenericDatumReader<GenericRecord> _reader;

    /// <summary>Creates a reader of data written with <paramref name="writer"/>, resolved to <paramref name="reader"/>.</summary>
    public GuardedGenericReader(Schema writer, Schema? reader = null)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _reader = new GenericDatumReader<GenericRecord>(writer, reader ?? writer);
    }

    /// <summary>Validates, then decodes one datum.</summary>
    /// <exception cref="AvroDecodeException">The bytes are not one datum of the writer schema.</exception>
    public GenericRecord Read(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        AvroDatumValidator.Validate(_writer, data);
        using var stream = new MemoryStream(data, writable: false);
        try
        {
            return _reader.Read(null!, new BinaryDecoder(stream));
        }
        catch (Exception e) when (e is AvroException or ArgumentOutOfRangeException or OverflowException or FormatException)
        {
            // Validated bytes can still fail resolution (a writer enum symbol the reader lacks) or a logical type's range.
            throw new AvroDecodeException("Avro record could not be resolved to the reader schema: " + e.Message, e);
        }
    }
}
