namespace DataBridge.Kpi.Model;

/// <summary>
/// Where an asset's state comes from: either one state-code tag with a code map, or boolean tags
/// (running, fault, and optionally blocked, starved, planned stop).
/// </summary>
public sealed class StateSourceModel
{
    /// <summary>The state-code tag id, when the state is a code.</summary>
    public string? CodeTag { get; init; }

    /// <summary>State code to state category.</summary>
    public IReadOnlyDictionary<long, MachineState> Codes { get; init; } = new Dictionary<long, MachineState>();

    /// <summary>Boolean tag that is true while the machine produces.</summary>
    public string? RunningTag { get; init; }

    /// <summary>Boolean tag that is true while the machine is faulted (wins over running).</summary>
    public string? FaultTag { get; init; }

    /// <summary>Boolean tag that is true while the machine is blocked downstream.</summary>
    public string? BlockedTag { get; init; }

    /// <summary>Boolean tag that is true while the machine is starved upstream.</summary>
    public string? StarvedTag { get; init; }

    /// <summary>Boolean tag that is true during a planned stop.</summary>
    public string? PlannedStopTag { get; init; }

    /// <summary>True when the state is given by booleans rather than a code.</summary>
    public bool IsBoolean => CodeTag is null;
}
