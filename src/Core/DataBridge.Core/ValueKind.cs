namespace DataBridge.Core;

/// <summary>The type a <see cref="TagValue"/> carries, as read from its source.</summary>
public enum ValueKind : byte
{
    /// <summary>No value (a Bad sample usually carries none).</summary>
    Null = 0,
    /// <summary>A boolean (coil, discrete input, bit in register, OPC UA Boolean).</summary>
    Boolean,
    /// <summary>Signed 8-bit integer.</summary>
    SByte,
    /// <summary>Unsigned 8-bit integer.</summary>
    Byte,
    /// <summary>Signed 16-bit integer.</summary>
    Int16,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16,
    /// <summary>Signed 32-bit integer.</summary>
    Int32,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32,
    /// <summary>Signed 64-bit integer.</summary>
    Int64,
    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64,
    /// <summary>IEEE 754 single precision.</summary>
    Float,
    /// <summary>IEEE 754 double precision.</summary>
    Double,
    /// <summary>Text.</summary>
    String,
    /// <summary>A point in time (UTC).</summary>
    DateTime,
}
