using DataBridge.Core;

namespace DataBridge.Connectors.Modbus.Client;

/// <summary>The result of one poll of one group, handed to the poller's callback.</summary>
/// <param name="GroupName">The group polled.</param>
/// <param name="CycleNumber">1 for the group's first cycle, then +1 per cycle; the source's progress marker.</param>
/// <param name="Timestamp">When the cycle started (UTC); every sample carries it as its source timestamp.</param>
/// <param name="Samples">One sample per point of the group, in the group's order. Owned by the callee.</param>
public sealed record ModbusPollCycle(string GroupName, long CycleNumber, DateTime Timestamp, IReadOnlyList<Sample> Samples);
