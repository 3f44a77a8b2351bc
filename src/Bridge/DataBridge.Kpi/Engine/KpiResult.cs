using DataBridge.Kpi.Model;

namespace DataBridge.Kpi.Engine;

/// <summary>The KPIs of one asset (measured or rolled up) over one window.</summary>
public sealed class KpiResult
{
    /// <summary>ISA-95 asset path.</summary>
    public required string AssetPath { get; init; }

    /// <summary>Hierarchy level.</summary>
    public required AssetLevel Level { get; init; }

    /// <summary>True when measured from tags; false for a roll-up.</summary>
    public required bool IsMeasured { get; init; }

    /// <summary>Which window.</summary>
    public required KpiWindowKind Window { get; init; }

    /// <summary>Window name: the shift name, or e.g. "60m".</summary>
    public required string WindowName { get; init; }

    /// <summary>Window start (UTC).</summary>
    public required DateTime WindowStart { get; init; }

    /// <summary>Window end (UTC): now, or the shift end when the shift is over.</summary>
    public required DateTime WindowEnd { get; init; }

    /// <summary>
    /// Where the data of the window begins: <see cref="WindowStart"/>, or the first value the engine has of the
    /// asset when that came later (data started mid-window; for roll-ups the earliest of the children).
    /// <see cref="WindowEnd"/> when there is no data yet. Unknown time includes the part before it; rates do not.
    /// </summary>
    public required DateTime DataFrom { get; init; }

    /// <summary>Current state (for roll-ups the most urgent state of the children).</summary>
    public required MachineState State { get; init; }

    /// <summary>The additive quantities; the ratios are computed from them.</summary>
    public required KpiTotals Totals { get; init; }

    /// <summary>Availability = APT / PBT.</summary>
    public double? Availability => Totals.Availability;

    /// <summary>Performance = PRI × PQ / APT.</summary>
    public double? Performance => Totals.Performance;

    /// <summary>Quality = GQ / PQ.</summary>
    public double? Quality => Totals.Quality;

    /// <summary>OEE = A × P × Q.</summary>
    public double? Oee => Totals.Oee;

    /// <summary>OEE target.</summary>
    public required double? OeeTarget { get; init; }
}
