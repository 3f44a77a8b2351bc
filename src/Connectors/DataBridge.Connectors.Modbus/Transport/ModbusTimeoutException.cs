using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Connectors.Modbus.Transport;

/// <summary>
/// A request got no response within its timeout. The message carries the connection's state (requests in flight,
/// consecutive timeouts) so a person can tell a slow device from a dead one.
/// </summary>
public sealed class ModbusTimeoutException : ModbusException
{
    /// <summary>Creates the exception.</summary>
    public ModbusTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without details.</summary>
    public ModbusTimeoutException()
        : base("Modbus request timed out.")
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public ModbusTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
