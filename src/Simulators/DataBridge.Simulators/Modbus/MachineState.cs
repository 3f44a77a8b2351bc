namespace DataBridge.Simulators.Modbus;

/// <summary>The state code a simulated machine reports in holding register base+0.</summary>
public enum MachineState : ushort
{
    /// <summary>0: stopped (not scheduled).</summary>
    Stopped = 0,

    /// <summary>1: running and producing.</summary>
    Running = 1,

    /// <summary>2: idle, waiting for material (starved) or a downstream machine (blocked).</summary>
    Idle = 2,

    /// <summary>3: down, a breakdown (the alarm bit is set).</summary>
    Down = 3,

    /// <summary>4: planned stop (break, meeting, planned maintenance).</summary>
    PlannedStop = 4,
}
