namespace DataBridge.Schemas.Binary;

/// <summary>
/// Bytes that are not a valid Avro datum of the expected schema: truncated, a length beyond the input,
/// an unknown union branch or enum symbol. The message names the byte offset.
/// </summary>
public sealed class AvroDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AvroDecodeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AvroDecodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public AvroDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Byte offset in the datum where decoding failed, or -1.</summary>
    public int Offset { get; private init; } = -1;

    internal static AvroDecodeException At(int offset, string problem, Exception? inner = null)
    {
        var message = $"Malformed Avro record at byte {offset}: {problem}. The message was not written with this schema " +
                      "(check the topic and the writer's schema version) or it is corrupt.";
        return inner is null ? new AvroDecodeException(message) { Offset = offset } : new AvroDecodeException(message, inner) { Offset = offset };
    }
}
