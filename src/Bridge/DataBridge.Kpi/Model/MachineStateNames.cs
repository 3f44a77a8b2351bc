namespace DataBridge.Kpi.Model;

/// <summary>The YAML and wire spelling of <see cref="MachineState"/> values.</summary>
public static class MachineStateNames
{
    /// <summary>The lower-case name used in YAML, KPI records and on the dashboard.</summary>
    public static string ToName(this MachineState state) => state switch
    {
        MachineState.Running => "running",
        MachineState.PlannedStop => "planned-stop",
        MachineState.Idle => "idle",
        MachineState.Starved => "starved",
        MachineState.Blocked => "blocked",
        MachineState.Down => "down",
        _ => "unknown",
    };

    /// <summary>Parses a state name as written in the KPI model (<c>breakdown</c> and <c>fault</c> mean down).</summary>
    public static bool TryParse(string? text, out MachineState state)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "RUNNING" or "RUN":
                state = MachineState.Running;
                return true;
            case "PLANNED-STOP" or "PLANNED_STOP" or "PLANNEDSTOP":
                state = MachineState.PlannedStop;
                return true;
            case "IDLE":
                state = MachineState.Idle;
                return true;
            case "STARVED":
                state = MachineState.Starved;
                return true;
            case "BLOCKED":
                state = MachineState.Blocked;
                return true;
            case "DOWN" or "BREAKDOWN" or "FAULT":
                state = MachineState.Down;
                return true;
            case "UNKNOWN":
                state = MachineState.Unknown;
                return true;
            default:
                state = MachineState.Unknown;
                return false;
        }
    }
}
