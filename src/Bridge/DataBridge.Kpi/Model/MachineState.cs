namespace DataBridge.Kpi.Model;

/// <summary>
/// The state categories ISO 22400-2 time accounting needs. A state code of the machine maps to one of them.
/// Ordered by how urgently an operator should look (used when a roll-up reports one state for many assets).
/// </summary>
public enum MachineState
{
    /// <summary>Producing: the time counts as actual production time (APT).</summary>
    Running = 0,
    /// <summary>A planned stop (break, meeting, planned maintenance): outside planned busy time.</summary>
    PlannedStop = 1,
    /// <summary>Ready but not producing (no order, waiting for an operator).</summary>
    Idle = 2,
    /// <summary>Waiting for material from upstream.</summary>
    Starved = 3,
    /// <summary>Cannot pass parts downstream.</summary>
    Blocked = 4,
    /// <summary>Nothing is known: Bad quality, a gap, no sample yet, or a code missing from the map. Never guessed.</summary>
    Unknown = 5,
    /// <summary>Unplanned stop: breakdown, fault.</summary>
    Down = 6,
}
