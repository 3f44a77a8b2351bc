namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>
/// A frame broke the Modbus TCP rules (wrong protocol id, impossible length, byte count that does not match the
/// request, unknown transaction id...). The connection it came from can no longer be trusted and is reset; if this
/// keeps happening, the peer is not a conforming Modbus TCP server (or something else listens on that port).
/// </summary>
public sealed class ModbusProtocolException : ModbusException
{
    /// <summary>Creates the exception.</summary>
    public ModbusProtocolException(string message, ushort? transactionId = null)
        : base(message)
    {
        TransactionId = transactionId;
    }

    /// <summary>Creates the exception without details.</summary>
    public ModbusProtocolException()
        : base("Malformed Modbus frame.")
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public ModbusProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The transaction id of the offending frame, when the header could be read.</summary>
    public ushort? TransactionId { get; }
}
