namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>What happens to the padding of a fixed-length string field. A NUL always ends the text.</summary>
public enum ModbusStringTrim
{
    /// <summary>Trailing spaces are removed (devices pad fixed-size text fields with spaces); the default.</summary>
    End,

    /// <summary>The text is kept as the device holds it, trailing spaces included.</summary>
    None,
}
