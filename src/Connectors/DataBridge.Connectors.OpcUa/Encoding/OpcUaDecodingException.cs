using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>
/// Thrown when bytes received from a peer are malformed or exceed a <see cref="DecodingLimits"/> value. It is the only
/// exception the decoder throws for bad input: no IndexOutOfRange, Overflow or OutOfMemory escapes it.
/// </summary>
public sealed class OpcUaDecodingException : OpcUaException
{
    /// <summary>Creates the exception.</summary>
    public OpcUaDecodingException(string message, StatusCode statusCode, string? fieldName, long? value, long? limit, int position)
        : base(message, null)
    {
        StatusCode = statusCode;
        FieldName = fieldName;
        Value = value;
        Limit = limit;
        Position = position;
    }

    /// <summary>Creates the exception with a message only (BadDecodingError).</summary>
    public OpcUaDecodingException(string message)
        : this(message, StatusCodes.BadDecodingError, null, null, null, -1)
    {
    }

    /// <summary>Creates the exception wrapping another one (BadDecodingError).</summary>
    public OpcUaDecodingException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = StatusCodes.BadDecodingError;
        Position = -1;
    }

    /// <summary>Creates the exception (BadDecodingError).</summary>
    public OpcUaDecodingException()
        : this("The OPC UA message could not be decoded.")
    {
    }

    /// <summary>BadDecodingError for malformed bytes, BadEncodingLimitsExceeded for a limit that was exceeded.</summary>
    public override StatusCode StatusCode { get; }

    /// <summary>False: the peer sent bytes this client cannot read, and will send the same bytes again.</summary>
    public override bool IsTransient => false;

    /// <summary>The field being decoded, when the caller named it.</summary>
    public string? FieldName { get; }

    /// <summary>The offending value read from the wire (a length, a count, a depth, a type id), when there is one.</summary>
    public long? Value { get; }

    /// <summary>The limit the value broke, when there is one.</summary>
    public long? Limit { get; }

    /// <summary>Byte offset in the message where decoding stopped, or -1.</summary>
    public int Position { get; }
}
