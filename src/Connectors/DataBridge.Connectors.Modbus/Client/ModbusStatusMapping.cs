using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Connectors.Modbus.Transport;
using DataBridge.Core;

namespace DataBridge.Connectors.Modbus.Client;

/// <summary>How Modbus outcomes become OPC UA status codes, the quality language of DataBridge.</summary>
public static class ModbusStatusMapping
{
    /// <summary>The status of the points of a request the server answered with <paramref name="code"/> (§7).</summary>
    public static uint FromExceptionCode(ModbusExceptionCode code) => code switch
    {
        ModbusExceptionCode.None => StatusCodes.Good,
        ModbusExceptionCode.IllegalFunction => StatusCodes.BadNotSupported,
        ModbusExceptionCode.IllegalDataAddress => StatusCodes.BadNodeIdUnknown,
        ModbusExceptionCode.IllegalDataValue => StatusCodes.BadOutOfRange,
        ModbusExceptionCode.ServerDeviceFailure => StatusCodes.BadDeviceFailure,
        ModbusExceptionCode.Acknowledge or ModbusExceptionCode.ServerDeviceBusy => StatusCodes.BadResourceUnavailable,
        ModbusExceptionCode.MemoryParityError => StatusCodes.BadDeviceFailure,
        ModbusExceptionCode.GatewayPathUnavailable => StatusCodes.BadCommunicationError,
        ModbusExceptionCode.GatewayTargetDeviceFailedToRespond => StatusCodes.BadNoCommunication,
        _ => StatusCodes.BadUnexpectedError,
    };

    /// <summary>The status of the points of a request that failed with <paramref name="error"/>.</summary>
    public static uint FromError(Exception error) => error switch
    {
        ModbusTimeoutException => StatusCodes.BadTimeout,
        ModbusConnectionException => StatusCodes.BadNoCommunication,
        ModbusProtocolException => StatusCodes.BadCommunicationError,
        _ => StatusCodes.BadUnexpectedError,
    };
}
