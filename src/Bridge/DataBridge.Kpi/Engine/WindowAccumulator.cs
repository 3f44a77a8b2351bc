using DataBridge.Kpi.Model;

namespace DataBridge.Kpi.Engine;

/// <summary>Accumulates an asset's segments and counters over one window into <see cref="KpiTotals"/>.</summary>
internal static class WindowAccumulator
{
    public static KpiTotals Accumulate(AssetRuntime asset, List<StateSegment> segments, long ws, long we)
    {
        var model = asset.Model;
        var totals = new KpiTotals();
        var planned = new List<TimeInterval>();
        model.Calendar.GetPlannedIntervals(new DateTime(ws, DateTimeKind.Utc), new DateTime(we, DateTimeKind.Utc), planned);
        const double tps = TimeSpan.TicksPerSecond;
        // Rates are taken over the planned time for which there is data: from the asset's first value on (data that
        // starts mid-shift must not dilute throughput with hours nobody measured; those hours stay unknown time).
        var dataFrom = KpiEngine.DataFrom(asset, ws, we);
        long plannedTicks = 0, observedTicks = 0;
        foreach (var p in planned)
        {
            plannedTicks += p.Length;
            observedTicks += p.Overlap(dataFrom, we);
        }

        totals.PlannedSeconds = plannedTicks / tps;
        totals.ObservedPlannedSeconds = observedTicks / tps;
        totals.CalendarSeconds = (we - ws) / tps;
        var microThreshold = model.MicroStopThreshold.Ticks;
        long apt = 0, unknown = 0, plannedStop = 0, down = 0, micro = 0, breakdown = 0, idle = 0, blocked = 0, starved = 0;
        // The episode being walked: its planned ticks inside the window decide whether it is counted and how long it was.
        var episode = -1;
        var episodeMicro = false;
        long episodeTicks = 0;
        var p0 = 0;
        foreach (var s in segments)
        {
            if (s.End <= ws || s.Start >= we)
            {
                continue;
            }

            var start = Math.Max(s.Start, ws);
            var end = Math.Min(s.End, we);
            while (p0 < planned.Count && planned[p0].End <= start)
            {
                p0++;
            }

            long d = 0;
            for (var k = p0; k < planned.Count && planned[k].Start < end; k++)
            {
                d += planned[k].Overlap(start, end);
            }

            if (s.Episode != episode)
            {
                CloseEpisode(totals, episodeMicro, episodeTicks);
                episode = s.Episode;
                episodeMicro = s.EpisodeLength <= microThreshold;
                episodeTicks = 0;
            }

            switch (s.State)
            {
                case MachineState.Unknown:
                    unknown += d;
                    break;
                case MachineState.PlannedStop:
                    plannedStop += d;
                    break;
                case MachineState.Running:
                    apt += d;
                    break;
                default:
                    episodeTicks += d;
                    if (episodeMicro)
                    {
                        // A micro-stop is a performance loss: its time stays in APT (ISO 22400-2, see docs/kpi.md).
                        apt += d;
                        micro += d;
                        break;
                    }

                    down += d;
                    if (d > 0)
                    {
                        var reason = KpiTotals.ReasonName(model, s);
                        totals.DowntimeByReason[reason] = totals.DowntimeByReason.GetValueOrDefault(reason) + (d / tps);
                    }

                    switch (s.State)
                    {
                        case MachineState.Down:
                            breakdown += d;
                            break;
                        case MachineState.Idle:
                            idle += d;
                            break;
                        case MachineState.Blocked:
                            blocked += d;
                            break;
                        default:
                            starved += d;
                            break;
                    }

                    break;
            }
        }

        CloseEpisode(totals, episodeMicro, episodeTicks);

        totals.ActualProductionSeconds = apt / tps;
        totals.UnknownSeconds = unknown / tps;
        totals.PlannedStopSeconds = plannedStop / tps;
        totals.DowntimeSeconds = down / tps;
        totals.MicroStopSeconds = micro / tps;
        totals.BreakdownSeconds = breakdown / tps;
        totals.IdleSeconds = idle / tps;
        totals.BlockedSeconds = blocked / tps;
        totals.StarvedSeconds = starved / tps;
        totals.PlannedBusySeconds = (plannedTicks - plannedStop - unknown) / tps;

        var pri = model.IdealCycleSeconds;
        totals.TotalCount = CounterIncrements.Sum(asset.Total, model.TotalCounter.WrapAt, pri, ws, we);
        totals.GoodCount = asset.Good is null
            ? totals.TotalCount
            : CounterIncrements.Sum(asset.Good, model.GoodCounter!.WrapAt, pri, ws, we);
        totals.IdealProductionSeconds = pri * totals.TotalCount;
        totals.OutputPerHour = observedTicks > 0 ? totals.TotalCount * 3600 / (observedTicks / tps) : 0;
        totals.ThroughputPlanPerHour = model.Targets.ThroughputPerHour ?? (3600 / pri * model.Targets.Oee);
        totals.TargetWeight = model.Targets.Oee * totals.PlannedBusySeconds;
        return totals;
    }

    private static void CloseEpisode(KpiTotals totals, bool micro, long plannedTicks)
    {
        if (plannedTicks <= 0)
        {
            return;
        }

        if (micro)
        {
            totals.MicroStopCount++;
            return;
        }

        totals.DowntimeCount++;
        totals.LongestDowntimeSeconds = Math.Max(totals.LongestDowntimeSeconds, plannedTicks / (double)TimeSpan.TicksPerSecond);
    }
}
