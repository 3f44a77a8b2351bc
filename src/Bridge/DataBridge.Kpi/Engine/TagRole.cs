namespace DataBridge.Kpi.Engine;

/// <summary>What a tag means to its asset.</summary>
internal enum TagRole
{
    StateCode,
    Running,
    Fault,
    Blocked,
    Starved,
    PlannedStop,
    Reason,
    TotalCounter,
    GoodCounter,
}
