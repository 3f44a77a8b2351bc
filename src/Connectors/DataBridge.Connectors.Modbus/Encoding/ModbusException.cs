namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>Base of every error the Modbus client raises; catch this to handle any Modbus failure.</summary>
public class ModbusException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModbusException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModbusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public ModbusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
