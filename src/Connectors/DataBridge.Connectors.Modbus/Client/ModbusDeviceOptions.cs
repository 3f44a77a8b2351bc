using DataBridge.Connectors.Modbus.Planning;
using DataBridge.Connectors.Modbus.Transport;

namespace DataBridge.Connectors.Modbus.Client;

/// <summary>One Modbus TCP device: how to reach it and how to plan its reads.</summary>
public sealed record ModbusDeviceOptions
{
    /// <summary>Address, unit id, timeouts, requests in flight and reconnect backoff.</summary>
    public required ModbusTransportOptions Connection { get; init; }

    /// <summary>Request size limits and gaps to read through.</summary>
    public ModbusPlannerOptions Planner { get; init; } = new();
}
