namespace DataBridge.Kpi.Dashboard;

/// <summary>What the dashboard page and GET /api/kpi receive: every asset with both windows and its OEE trend.</summary>
/// <param name="ComputedAt">When the KPIs were computed (UTC).</param>
/// <param name="Assets">Assets ordered by path (enterprise, sites, areas, lines, cells).</param>
public sealed record DashboardSnapshot(DateTime ComputedAt, IReadOnlyList<DashboardAsset> Assets);

/// <summary>One asset on the dashboard.</summary>
/// <param name="Path">ISA-95 path.</param>
/// <param name="Name">Last path segment.</param>
/// <param name="Level">enterprise, site, area, line or cell.</param>
/// <param name="Measured">False for roll-ups.</param>
/// <param name="State">Current state name.</param>
/// <param name="OeeTarget">OEE target.</param>
/// <param name="Shift">KPIs of the current shift.</param>
/// <param name="Rolling">KPIs of the rolling window.</param>
/// <param name="Trend">Rolling-window OEE at past publications (see <see cref="OeeTrend"/>): [unix milliseconds, OEE or null].</param>
public sealed record DashboardAsset(
    string Path,
    string Name,
    string Level,
    bool Measured,
    string State,
    double? OeeTarget,
    DashboardWindow? Shift,
    DashboardWindow? Rolling,
    IReadOnlyList<DashboardTrendPoint> Trend);

/// <summary>KPIs of one window as the page shows them.</summary>
/// <param name="Name">Shift name or rolling length.</param>
/// <param name="Start">Window start (UTC).</param>
/// <param name="End">Window end (UTC).</param>
/// <param name="Oee">OEE.</param>
/// <param name="Availability">Availability.</param>
/// <param name="Performance">Performance.</param>
/// <param name="Quality">Quality.</param>
/// <param name="Teep">TEEP.</param>
/// <param name="ThroughputPerHour">Parts per planned hour.</param>
/// <param name="ThroughputPlanPerHour">Planned parts per planned hour.</param>
/// <param name="TotalCount">PQ.</param>
/// <param name="GoodCount">GQ.</param>
/// <param name="DowntimeSeconds">Unplanned downtime.</param>
/// <param name="DowntimeCount">Downtime episodes.</param>
/// <param name="LongestDowntimeSeconds">Longest episode.</param>
/// <param name="MicroStopCount">Micro-stops.</param>
/// <param name="UnknownSeconds">Unknown time (Bad quality, gaps, before the data begins), machine-seconds for roll-ups.</param>
/// <param name="DowntimeByReason">Pareto: reasons by descending downtime.</param>
/// <param name="DataFrom">Where the window's data begins (later than <paramref name="Start"/> when data started mid-window).</param>
/// <param name="UnknownShare">Unknown time as a share of planned time: what the page shows.</param>
/// <param name="PlannedSeconds">Planned time of the window (machine-seconds for roll-ups).</param>
/// <param name="ObservedPlannedSeconds">Planned time from <paramref name="DataFrom"/> on: the time throughput is taken over.</param>
public sealed record DashboardWindow(
    string Name,
    DateTime Start,
    DateTime End,
    double? Oee,
    double? Availability,
    double? Performance,
    double? Quality,
    double? Teep,
    double? ThroughputPerHour,
    double ThroughputPlanPerHour,
    long TotalCount,
    long GoodCount,
    double DowntimeSeconds,
    int DowntimeCount,
    double LongestDowntimeSeconds,
    int MicroStopCount,
    double UnknownSeconds,
    IReadOnlyList<DashboardReason> DowntimeByReason,
    DateTime DataFrom,
    double? UnknownShare,
    double PlannedSeconds,
    double ObservedPlannedSeconds);

/// <summary>One bar of the downtime Pareto.</summary>
/// <param name="Reason">Reason name.</param>
/// <param name="Seconds">Downtime seconds.</param>
public sealed record DashboardReason(string Reason, double Seconds);

/// <summary>One trend point.</summary>
/// <param name="T">Unix time in milliseconds.</param>
/// <param name="Oee">Rolling OEE, null when unknown.</param>
public sealed record DashboardTrendPoint(long T, double? Oee);
