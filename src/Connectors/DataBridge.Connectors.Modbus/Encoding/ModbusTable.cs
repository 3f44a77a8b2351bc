namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>The four Modbus data tables (Modbus Application Protocol v1.1b3 §4.3), each read by its own function code.</summary>
public enum ModbusTable : byte
{
    /// <summary>Coils, single bits read with function code 1.</summary>
    Coil = 1,
    /// <summary>Discrete inputs, single bits read with function code 2.</summary>
    DiscreteInput = 2,
    /// <summary>Holding registers, 16-bit words read with function code 3.</summary>
    HoldingRegister = 3,
    /// <summary>Input registers, 16-bit words read with function code 4.</summary>
    InputRegister = 4,
}
