using DataBridge.Kpi.Model;

namespace DataBridge.Kpi.Engine;

/// <summary>
/// The additive quantities of a KPI result. Roll-ups add these and recompute the ratios from the sums
/// (ISO 22400-2: OEE is never averaged).
/// </summary>
public sealed class KpiTotals
{
    /// <summary>
    /// Planned time in the window: shift time minus breaks, in seconds (includes planned-stop states and unknown time).
    /// Roll-ups sum it (machine-time), like every other time.
    /// </summary>
    public double PlannedSeconds { get; set; }

    /// <summary>
    /// The part of <see cref="PlannedSeconds"/> from the asset's first value on: the planned time that was observed
    /// (Bad quality and gaps inside it included: counters carry the parts made then into the next Good value).
    /// </summary>
    public double ObservedPlannedSeconds { get; set; }

    /// <summary>
    /// PQ per hour of observed planned time; roll-ups sum their children's rates (machines produce side by side).
    /// Read it through <see cref="ThroughputPerHour"/>.
    /// </summary>
    public double OutputPerHour { get; set; }

    /// <summary>Planned busy time PBT: planned time minus planned stops minus unknown time.</summary>
    public double PlannedBusySeconds { get; set; }

    /// <summary>Actual production time APT: running time plus micro-stops (which are performance losses).</summary>
    public double ActualProductionSeconds { get; set; }

    /// <summary>Time whose state is unknown (Bad quality, gaps, no data): neither APT nor downtime.</summary>
    public double UnknownSeconds { get; set; }

    /// <summary>Time in a planned-stop state inside planned time.</summary>
    public double PlannedStopSeconds { get; set; }

    /// <summary>Unplanned downtime (stops longer than the micro-stop threshold).</summary>
    public double DowntimeSeconds { get; set; }

    /// <summary>Number of downtime episodes.</summary>
    public int DowntimeCount { get; set; }

    /// <summary>Longest single downtime episode inside the window.</summary>
    public double LongestDowntimeSeconds { get; set; }

    /// <summary>Downtime in a down (breakdown/fault) state.</summary>
    public double BreakdownSeconds { get; set; }

    /// <summary>Downtime while idle.</summary>
    public double IdleSeconds { get; set; }

    /// <summary>Downtime while blocked downstream (tracked apart from breakdowns).</summary>
    public double BlockedSeconds { get; set; }

    /// <summary>Downtime while starved upstream (tracked apart from breakdowns).</summary>
    public double StarvedSeconds { get; set; }

    /// <summary>Time in micro-stops (counted in APT, a performance loss).</summary>
    public double MicroStopSeconds { get; set; }

    /// <summary>Number of micro-stops.</summary>
    public int MicroStopCount { get; set; }

    /// <summary>Produced quantity PQ.</summary>
    public double TotalCount { get; set; }

    /// <summary>Good quantity GQ.</summary>
    public double GoodCount { get; set; }

    /// <summary>PRI × PQ: the time the produced parts needed at the ideal rate.</summary>
    public double IdealProductionSeconds { get; set; }

    /// <summary>Calendar time of the window (for TEEP).</summary>
    public double CalendarSeconds { get; set; }

    /// <summary>Planned output per hour of planned time.</summary>
    public double ThroughputPlanPerHour { get; set; }

    /// <summary>Σ OEE target × PBT, so a roll-up's target is weighted by planned busy time.</summary>
    public double TargetWeight { get; set; }

    /// <summary>Downtime seconds by reason name (state name when no reason is known).</summary>
    public Dictionary<string, double> DowntimeByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds another asset's totals (roll-up): times, counts and rates are summed.</summary>
    public void Add(KpiTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        PlannedSeconds += other.PlannedSeconds;
        ObservedPlannedSeconds += other.ObservedPlannedSeconds;
        OutputPerHour += other.OutputPerHour;
        PlannedBusySeconds += other.PlannedBusySeconds;
        ActualProductionSeconds += other.ActualProductionSeconds;
        UnknownSeconds += other.UnknownSeconds;
        PlannedStopSeconds += other.PlannedStopSeconds;
        DowntimeSeconds += other.DowntimeSeconds;
        DowntimeCount += other.DowntimeCount;
        LongestDowntimeSeconds = Math.Max(LongestDowntimeSeconds, other.LongestDowntimeSeconds);
        BreakdownSeconds += other.BreakdownSeconds;
        IdleSeconds += other.IdleSeconds;
        BlockedSeconds += other.BlockedSeconds;
        StarvedSeconds += other.StarvedSeconds;
        MicroStopSeconds += other.MicroStopSeconds;
        MicroStopCount += other.MicroStopCount;
        TotalCount += other.TotalCount;
        GoodCount += other.GoodCount;
        IdealProductionSeconds += other.IdealProductionSeconds;
        CalendarSeconds += other.CalendarSeconds;
        ThroughputPlanPerHour += other.ThroughputPlanPerHour;
        TargetWeight += other.TargetWeight;
        foreach (var (k, v) in other.DowntimeByReason)
        {
            DowntimeByReason[k] = DowntimeByReason.GetValueOrDefault(k) + v;
        }
    }

    /// <summary>Availability = APT / PBT; null without planned busy time.</summary>
    public double? Availability => PlannedBusySeconds > 0 ? ActualProductionSeconds / PlannedBusySeconds : null;

    /// <summary>Performance = PRI × PQ / APT; null without production time.</summary>
    public double? Performance => ActualProductionSeconds > 0 ? IdealProductionSeconds / ActualProductionSeconds : null;

    /// <summary>Quality = GQ / PQ; null when nothing was produced.</summary>
    public double? Quality => TotalCount > 0 ? GoodCount / TotalCount : null;

    /// <summary>OEE = A × P × Q; 0 when there was planned busy time but no production, null without planned busy time.</summary>
    public double? Oee => Availability is not { } a ? null : a * (Performance ?? 0) * (Quality ?? 1);

    /// <summary>TEEP = OEE × PBT / calendar time.</summary>
    public double? Teep => Oee is { } o && CalendarSeconds > 0 ? o * PlannedBusySeconds / CalendarSeconds : null;

    /// <summary>
    /// Produced parts per hour of observed planned time (the planned time since the asset's first value); for a
    /// roll-up the sum of its children's rates. Null while no planned time has been observed.
    /// </summary>
    public double? ThroughputPerHour => ObservedPlannedSeconds > 0 ? OutputPerHour : null;

    /// <summary>Unknown time as a share of planned time (machine-time for roll-ups); null without planned time.</summary>
    public double? UnknownShare => PlannedSeconds > 0 ? UnknownSeconds / PlannedSeconds : null;

    /// <summary>The OEE target (weighted by planned busy time for roll-ups).</summary>
    public double? OeeTarget => PlannedBusySeconds > 0 ? TargetWeight / PlannedBusySeconds : null;

    internal static string ReasonName(AssetModel model, StateSegment s) =>
        s.Reason is { } code && code != 0
            ? model.Reasons.TryGetValue(code, out var name) ? name : $"code {code}"
            : s.State.ToName();
}
