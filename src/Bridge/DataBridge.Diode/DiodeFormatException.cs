namespace DataBridge.Diode;

/// <summary>
/// Bytes that claim to be part of the diode protocol (a datagram header, a packed payload, an FEC symbol) broke a rule
/// of the format. <see cref="Field"/> names the offending field and <see cref="Value"/> the value read, so a counter or
/// log line can say exactly what was wrong. On the receiver such bytes are counted and dropped: nothing else is harmed.
/// </summary>
public sealed class DiodeFormatException : Exception
{
    /// <summary>Creates the exception for one field and the value that broke its rule.</summary>
    public DiodeFormatException(string field, long value, string message)
        : base(message)
    {
        Field = field;
        Value = value;
    }

    /// <summary>Creates the exception for one field, with the exception that revealed the problem.</summary>
    public DiodeFormatException(string field, long value, string message, Exception innerException)
        : base(message, innerException)
    {
        Field = field;
        Value = value;
    }

    /// <summary>Creates the exception without details.</summary>
    public DiodeFormatException()
        : base("Malformed diode data.")
    {
        Field = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public DiodeFormatException(string message)
        : base(message)
    {
        Field = string.Empty;
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public DiodeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    /// <summary>The field whose value broke the format (for example <c>header.payloadLength</c>).</summary>
    public string Field { get; }

    /// <summary>The value read from the wire (lengths and counts as numbers, a magic as its integer value).</summary>
    public long Value { get; }
}
