using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>Thrown when a value cannot be encoded (for example a matrix whose dimensions do not match its elements).</summary>
public sealed class OpcUaEncodingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OpcUaEncodingException(string message, string? fieldName)
        : base(message) => FieldName = fieldName;

    /// <summary>Creates the exception.</summary>
    public OpcUaEncodingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OpcUaEncodingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OpcUaEncodingException()
        : this("The value could not be encoded in the OPC UA binary encoding.")
    {
    }

    /// <summary>Always BadEncodingError.</summary>
    public StatusCode StatusCode { get; } = StatusCodes.BadEncodingError;

    /// <summary>The field being encoded, when the caller named it.</summary>
    public string? FieldName { get; }
}
