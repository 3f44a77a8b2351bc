using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Connectors.Modbus.Transport;

/// <summary>The outcome of a read the server answered: data bytes copied to the caller's buffer, or an exception code.</summary>
/// <param name="ExceptionCode">The server's exception code, or <see cref="ModbusExceptionCode.None"/>.</param>
/// <param name="ByteCount">Number of data bytes written to the destination (0 for an exception).</param>
public readonly record struct ModbusReadResult(ModbusExceptionCode ExceptionCode, int ByteCount)
{
    /// <summary>True when the server answered with an exception.</summary>
    public bool IsException => ExceptionCode != ModbusExceptionCode.None;
}
