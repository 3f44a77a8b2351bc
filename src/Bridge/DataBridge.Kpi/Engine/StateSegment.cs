using DataBridge.Kpi.Model;

namespace DataBridge.Kpi.Engine;

/// <summary>A stretch of constant state: [Start, End) in UTC ticks, the state, and the downtime reason code (null when none).</summary>
internal record struct StateSegment(long Start, long End, MachineState State, long? Reason)
{
    /// <summary>Length in ticks of the unplanned stop this segment belongs to (0 when it is not a stop).</summary>
    public long EpisodeLength { get; set; }

    /// <summary>Index of the stop episode, or -1.</summary>
    public int Episode { get; set; }

    public readonly bool IsStop => State is MachineState.Idle or MachineState.Starved or MachineState.Blocked or MachineState.Down;
}
