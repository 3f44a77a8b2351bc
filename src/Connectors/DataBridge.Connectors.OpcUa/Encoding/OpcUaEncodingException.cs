using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>Thrown when a value cannot be encoded (for example a matrix whose dimensions do not match its elements).</summary>
public sealed class OpcUaEncodingException : OpcUaException
{
    /// <summary>Creates the exception.</summary>
    public OpcUaEncodingException(string message, string? fieldName)
        : base(message, null) => FieldName = fieldName;

    /// <summary>Creates the exception.</summary>
    public OpcUaEncodingException(string message)
        : base(message, null)
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
    public override StatusCode StatusCode => StatusCodes.BadEncodingError;

    /// <summary>False: the same value fails to encode every time.</summary>
    public override bool IsTransient => false;

    /// <summary>The field being encoded, when the caller named it.</summary>
    public string? FieldName { get; }
}
