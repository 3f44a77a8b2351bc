namespace DataBridge.Schemas.Kpi;

/// <summary>
/// KPIs of one asset over one window (schema <c>io.databridge.KpiRecord</c>, kpi-record.avsc); the Kafka key is
/// <see cref="AssetPath"/>. Ratios are null when their denominator is zero.
/// </summary>
public sealed record KpiRecord
{
    /// <summary>ISA-95 asset path.</summary>
    public required string AssetPath { get; init; }

    /// <summary>Hierarchy level.</summary>
    public required KpiRecordLevel Level { get; init; }

    /// <summary>True when measured from the asset's tags, false for a roll-up.</summary>
    public bool Measured { get; init; }

    /// <summary>Which window.</summary>
    public required KpiRecordWindow Window { get; init; }

    /// <summary>Shift name or rolling window length.</summary>
    public required string WindowName { get; init; }

    /// <summary>Window start (UTC).</summary>
    public DateTime WindowStart { get; init; }

    /// <summary>Window end (UTC).</summary>
    public DateTime WindowEnd { get; init; }

    /// <summary>APT / PBT.</summary>
    public double? Availability { get; init; }

    /// <summary>PRI × PQ / APT.</summary>
    public double? Performance { get; init; }

    /// <summary>GQ / PQ.</summary>
    public double? Quality { get; init; }

    /// <summary>A × P × Q.</summary>
    public double? Oee { get; init; }

    /// <summary>OEE × PBT / calendar time.</summary>
    public double? Teep { get; init; }

    /// <summary>OEE target.</summary>
    public double? OeeTarget { get; init; }

    /// <summary>Produced parts per planned hour.</summary>
    public double? ThroughputPerHour { get; init; }

    /// <summary>Planned parts per planned hour.</summary>
    public double ThroughputPlanPerHour { get; init; }

    /// <summary>GQ.</summary>
    public long GoodCount { get; init; }

    /// <summary>PQ.</summary>
    public long TotalCount { get; init; }

    /// <summary>PBT in seconds.</summary>
    public double PlannedBusySeconds { get; init; }

    /// <summary>APT in seconds.</summary>
    public double ActualProductionSeconds { get; init; }

    /// <summary>Unplanned downtime in seconds.</summary>
    public double DowntimeSeconds { get; init; }

    /// <summary>Number of downtime episodes.</summary>
    public int DowntimeCount { get; init; }

    /// <summary>Longest downtime episode in seconds.</summary>
    public double LongestDowntimeSeconds { get; init; }

    /// <summary>Micro-stop time in seconds.</summary>
    public double MicroStopSeconds { get; init; }

    /// <summary>Number of micro-stops.</summary>
    public int MicroStopCount { get; init; }

    /// <summary>Blocked time in seconds.</summary>
    public double BlockedSeconds { get; init; }

    /// <summary>Starved time in seconds.</summary>
    public double StarvedSeconds { get; init; }

    /// <summary>Planned-stop state time in seconds.</summary>
    public double PlannedStopSeconds { get; init; }

    /// <summary>Unknown time in seconds.</summary>
    public double UnknownSeconds { get; init; }

    /// <summary>Current state name.</summary>
    public required string State { get; init; }

    /// <summary>When computed (UTC).</summary>
    public DateTime ComputedAt { get; init; }

    /// <summary>Downtime seconds by reason name.</summary>
    public IReadOnlyDictionary<string, double> DowntimeByReason { get; init; } = new Dictionary<string, double>();
}
