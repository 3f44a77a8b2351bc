namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>
/// Exception codes a server returns in an exception response (Modbus Application Protocol v1.1b3 §7): the
/// function code comes back with its high bit set and this one-byte code follows.
/// </summary>
public enum ModbusExceptionCode : byte
{
    /// <summary>No exception (not sent on the wire; the default of a successful read).</summary>
    None = 0x00,

    /// <summary>01: the server does not support the function code (e.g. a device without input registers).</summary>
    IllegalFunction = 0x01,

    /// <summary>02: the address range of the request is not valid on the server.</summary>
    IllegalDataAddress = 0x02,

    /// <summary>03: a value in the request is not allowed (e.g. a quantity out of range).</summary>
    IllegalDataValue = 0x03,

    /// <summary>04: an unrecoverable error occurred in the server while performing the action.</summary>
    ServerDeviceFailure = 0x04,

    /// <summary>05: the server accepted a long-running request (programming commands only).</summary>
    Acknowledge = 0x05,

    /// <summary>06: the server is busy with a long-running command; the client should retry later.</summary>
    ServerDeviceBusy = 0x06,

    /// <summary>08: the server detected a parity error in its extended memory (file records).</summary>
    MemoryParityError = 0x08,

    /// <summary>0A: a gateway could not allocate a path to the target device (misconfigured or overloaded).</summary>
    GatewayPathUnavailable = 0x0A,

    /// <summary>0B: a gateway got no response from the target device (absent from the network).</summary>
    GatewayTargetDeviceFailedToRespond = 0x0B,
}
