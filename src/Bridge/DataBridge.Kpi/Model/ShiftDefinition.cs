namespace DataBridge.Kpi.Model;

/// <summary>
/// One shift pattern: on the given weekdays it starts at <see cref="Start"/> local time and ends at <see cref="End"/>
/// (the next day when End is not after Start). Breaks are planned stops inside it and are outside planned busy time.
/// </summary>
public sealed class ShiftDefinition
{
    /// <summary>Shift name shown on the dashboard (e.g. "early").</summary>
    public required string Name { get; init; }

    /// <summary>Weekdays on which the shift starts.</summary>
    public required IReadOnlySet<DayOfWeek> Days { get; init; }

    /// <summary>Local start time.</summary>
    public required TimeOnly Start { get; init; }

    /// <summary>Local end time (next day when not after <see cref="Start"/>).</summary>
    public required TimeOnly End { get; init; }

    /// <summary>Breaks and other planned stops as local times inside the shift.</summary>
    public IReadOnlyList<(TimeOnly Start, TimeOnly End)> Breaks { get; init; } = [];
}
