using DataBridge.Kpi.Model;

namespace DataBridge.Kpi.Engine;

/// <summary>
/// Turns an asset's state, reason and gap timelines into constant-state segments, then groups consecutive
/// unplanned stop segments into episodes (an episode's full length decides micro-stop or downtime).
/// </summary>
internal static class StateSegments
{
    public static void Build(AssetRuntime asset, List<TimeInterval> unknown, long from, long to, List<StateSegment> into)
    {
        into.Clear();
        if (to <= from)
        {
            return;
        }

        var points = new List<long> { from };
        foreach (var (_, t) in asset.StateTimelines)
        {
            AddPoints(t, from, to, points);
        }

        if (asset.Reason is not null)
        {
            AddPoints(asset.Reason, from, to, points);
        }

        foreach (var u in unknown)
        {
            if (u.Start > from && u.Start < to)
            {
                points.Add(u.Start);
            }

            if (u.End > from && u.End < to)
            {
                points.Add(u.End);
            }
        }

        points.Sort();
        var u0 = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var t = points[i];
            if (i > 0 && t == points[i - 1])
            {
                continue;
            }

            var end = to;
            for (var j = i + 1; j < points.Count; j++)
            {
                if (points[j] != t)
                {
                    end = points[j];
                    break;
                }
            }

            while (u0 < unknown.Count && unknown[u0].End <= t)
            {
                u0++;
            }

            var inGap = u0 < unknown.Count && unknown[u0].Start <= t;
            var state = inGap ? MachineState.Unknown : StateAt(asset, t);
            long? reason = null;
            if (asset.Reason is { } r && state != MachineState.Running)
            {
                var ri = r.IndexAtOrBefore(t);
                if (ri >= 0 && !r.IsBadAt(ri))
                {
                    reason = (long)Math.Round(r.ValueAt(ri));
                }
            }

            if (into.Count > 0 && into[^1].State == state && into[^1].Reason == reason)
            {
                var last = into[^1];
                last.End = end;
                into[^1] = last;
            }
            else
            {
                into.Add(new StateSegment(t, end, state, reason) { Episode = -1 });
            }
        }

        MarkEpisodes(into);
    }

    /// <summary>The state at <paramref name="t"/>: unknown when any state tag has no sample yet or its sample is Bad.</summary>
    public static MachineState StateAt(AssetRuntime asset, long t)
    {
        var s = asset.Model.State;
        bool running = false, fault = false, blocked = false, starved = false, planned = false;
        foreach (var (role, timeline) in asset.StateTimelines)
        {
            var i = timeline.IndexAtOrBefore(t);
            if (i < 0 || timeline.IsBadAt(i))
            {
                return MachineState.Unknown;
            }

            var v = timeline.ValueAt(i);
            switch (role)
            {
                case TagRole.StateCode:
                    return s.Codes.TryGetValue((long)Math.Round(v), out var state) ? state : MachineState.Unknown;
                case TagRole.Running:
                    running = v != 0;
                    break;
                case TagRole.Fault:
                    fault = v != 0;
                    break;
                case TagRole.Blocked:
                    blocked = v != 0;
                    break;
                case TagRole.Starved:
                    starved = v != 0;
                    break;
                default:
                    planned = v != 0;
                    break;
            }
        }

        return fault ? MachineState.Down
            : planned ? MachineState.PlannedStop
            : blocked ? MachineState.Blocked
            : starved ? MachineState.Starved
            : running ? MachineState.Running
            : MachineState.Idle;
    }

    private static void AddPoints(TagTimeline t, long from, long to, List<long> points)
    {
        for (var i = t.UpperBound(from); i < t.Count; i++)
        {
            var x = t.TicksAt(i);
            if (x >= to)
            {
                break;
            }

            points.Add(x);
        }
    }

    private static void MarkEpisodes(List<StateSegment> segments)
    {
        var episode = 0;
        var i = 0;
        while (i < segments.Count)
        {
            if (!segments[i].IsStop)
            {
                i++;
                continue;
            }

            var j = i;
            long length = 0;
            while (j < segments.Count && segments[j].IsStop)
            {
                length += segments[j].End - segments[j].Start;
                j++;
            }

            for (var k = i; k < j; k++)
            {
                var s = segments[k];
                s.Episode = episode;
                s.EpisodeLength = length;
                segments[k] = s;
            }

            episode++;
            i = j;
        }
    }
}
