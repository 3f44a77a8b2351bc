namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>
/// The only function codes this client can put on the wire: the four reads of Modbus Application Protocol
/// v1.1b3 §6.1-§6.4. DataBridge is read-only towards machines (product promise 2), so no other code exists here;
/// a test reflects over this enum and the request writer to keep it that way.
/// </summary>
internal enum ModbusFunctionCode : byte
{
    /// <summary>§6.1 Read Coils (0x01).</summary>
    ReadCoils = 0x01,

    /// <summary>§6.2 Read Discrete Inputs (0x02).</summary>
    ReadDiscreteInputs = 0x02,

    /// <summary>§6.3 Read Holding Registers (0x03).</summary>
    ReadHoldingRegisters = 0x03,

    /// <summary>§6.4 Read Input Registers (0x04).</summary>
    ReadInputRegisters = 0x04,
}
