namespace DataBridge.Kpi.Engine;

/// <summary>The time window a KPI result covers.</summary>
public enum KpiWindowKind
{
    /// <summary>From the start of the current (or last) shift to now.</summary>
    Shift,
    /// <summary>The rolling window ending now (e.g. the last 60 minutes).</summary>
    Rolling,
}
