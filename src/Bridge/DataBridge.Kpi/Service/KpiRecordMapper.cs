using DataBridge.Kpi.Engine;
using DataBridge.Kpi.Model;
using DataBridge.Schemas.Kpi;

namespace DataBridge.Kpi.Service;

/// <summary>Turns engine results into the KpiRecord published on Kafka.</summary>
public static class KpiRecordMapper
{
    /// <summary>The record of one result.</summary>
    public static KpiRecord ToRecord(KpiResult result, DateTime computedAt)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = result.Totals;
        return new KpiRecord
        {
            AssetPath = result.AssetPath,
            Level = result.Level switch
            {
                AssetLevel.Enterprise => KpiRecordLevel.Enterprise,
                AssetLevel.Site => KpiRecordLevel.Site,
                AssetLevel.Area => KpiRecordLevel.Area,
                AssetLevel.Line => KpiRecordLevel.Line,
                _ => KpiRecordLevel.Cell,
            },
            Measured = result.IsMeasured,
            Window = result.Window == KpiWindowKind.Shift ? KpiRecordWindow.Shift : KpiRecordWindow.Rolling,
            WindowName = result.WindowName,
            WindowStart = result.WindowStart,
            WindowEnd = result.WindowEnd,
            Availability = result.Availability,
            Performance = result.Performance,
            Quality = result.Quality,
            Oee = result.Oee,
            Teep = t.Teep,
            OeeTarget = result.OeeTarget,
            ThroughputPerHour = t.ThroughputPerHour,
            ThroughputPlanPerHour = t.ThroughputPlanPerHour,
            GoodCount = (long)Math.Round(t.GoodCount),
            TotalCount = (long)Math.Round(t.TotalCount),
            PlannedBusySeconds = t.PlannedBusySeconds,
            ActualProductionSeconds = t.ActualProductionSeconds,
            DowntimeSeconds = t.DowntimeSeconds,
            DowntimeCount = t.DowntimeCount,
            LongestDowntimeSeconds = t.LongestDowntimeSeconds,
            MicroStopSeconds = t.MicroStopSeconds,
            MicroStopCount = t.MicroStopCount,
            BlockedSeconds = t.BlockedSeconds,
            StarvedSeconds = t.StarvedSeconds,
            PlannedStopSeconds = t.PlannedStopSeconds,
            UnknownSeconds = t.UnknownSeconds,
            State = result.State.ToName(),
            ComputedAt = computedAt,
            DowntimeByReason = new Dictionary<string, double>(t.DowntimeByReason, StringComparer.Ordinal),
        };
    }
}
