using DataBridge.Connectors.Modbus.Planning;

namespace DataBridge.Connectors.Modbus.Client;

/// <summary>Points read together on one interval; every cycle delivers one sample per point, in this order.</summary>
public sealed record ModbusPollGroup
{
    /// <summary>Name of the group, echoed in every <see cref="ModbusPollCycle"/>.</summary>
    public required string Name { get; init; }

    /// <summary>Time from the start of one cycle to the start of the next (a cycle that overruns delays the next).</summary>
    public required TimeSpan Interval { get; init; }

    /// <summary>The points, in the order their samples are delivered.</summary>
    public required IReadOnlyList<ModbusPoint> Points { get; init; }
}
