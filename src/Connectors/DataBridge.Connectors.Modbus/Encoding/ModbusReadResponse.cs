namespace DataBridge.Connectors.Modbus.Encoding;

/// <summary>
/// A parsed read response: either the data bytes (bits packed LSB first, or registers big-endian, exactly as on the
/// wire) or the exception code the server answered with. A view over the receive buffer; copy what you keep.
/// </summary>
public readonly ref struct ModbusReadResponse
{
    /// <summary>Creates a response.</summary>
    public ModbusReadResponse(ModbusExceptionCode exceptionCode, ReadOnlySpan<byte> data)
    {
        ExceptionCode = exceptionCode;
        Data = data;
    }

    /// <summary>The server's exception code, or <see cref="ModbusExceptionCode.None"/> on success.</summary>
    public ModbusExceptionCode ExceptionCode { get; }

    /// <summary>The data bytes (empty for an exception response).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>True when the server answered with an exception.</summary>
    public bool IsException => ExceptionCode != ModbusExceptionCode.None;
}
