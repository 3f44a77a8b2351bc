using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Connectors.Modbus.Transport;

/// <summary>
/// There is no usable connection to the device: it refused or dropped the connection, or the connection was reset
/// after a malformed frame or a storm of timeouts. The transport re-dials by itself; check the device's address,
/// port and network if this persists.
/// </summary>
public sealed class ModbusConnectionException : ModbusException
{
    /// <summary>Creates the exception.</summary>
    public ModbusConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without details.</summary>
    public ModbusConnectionException()
        : base("Not connected to the Modbus device.")
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public ModbusConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
