namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>How the bits or registers at an address are interpreted.</summary>
public enum ModbusDataType : byte
{
    /// <summary>A coil or discrete input, or one bit of a register (with a bit index 0-15).</summary>
    Bool,
    /// <summary>One register, signed.</summary>
    Int16,
    /// <summary>One register, unsigned.</summary>
    UInt16,
    /// <summary>Two registers, signed.</summary>
    Int32,
    /// <summary>Two registers, unsigned.</summary>
    UInt32,
    /// <summary>Four registers, signed.</summary>
    Int64,
    /// <summary>Four registers, unsigned.</summary>
    UInt64,
    /// <summary>Two registers, IEEE 754 single precision.</summary>
    Float32,
    /// <summary>Four registers, IEEE 754 double precision.</summary>
    Float64,
    /// <summary>ASCII text, two characters per register, trailing NULs and spaces trimmed.</summary>
    String,
}
