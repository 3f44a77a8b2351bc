using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Connectors.Modbus.Planning;

/// <summary>One request of a plan and the points it serves.</summary>
/// <param name="Request">The read to send.</param>
/// <param name="PointIndexes">Indexes, into the planned point list, of the points this read covers whole.</param>
public sealed record ModbusPlannedRead(ModbusReadRequest Request, IReadOnlyList<int> PointIndexes);
