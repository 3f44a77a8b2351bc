namespace DataBridge.Kpi.Engine;

/// <summary>
/// Parts counted by a counter tag over a window: the sum of increments between consecutive Good samples in
/// source-timestamp order. A decrease is a wrap when the implied increment is plausible at the ideal rate
/// (at most twice the ideal output of the elapsed time, plus 10); otherwise it is a reset and counting
/// restarts from 0, so the new value itself is the increment.
/// </summary>
internal static class CounterIncrements
{
    public static double Sum(TagTimeline t, double? configuredWrap, double idealCycleSeconds, long from, long to)
    {
        var wrap = configuredWrap ?? t.InferredWrap;

        // The baseline is the last Good sample at or before the window start; without one, the first Good sample inside.
        var i = t.IndexAtOrBefore(from);
        while (i >= 0 && t.IsBadAt(i))
        {
            i--;
        }

        var start = i >= 0 ? i + 1 : t.UpperBound(from);
        var hasPrev = i >= 0;
        double prev = hasPrev ? t.ValueAt(i) : 0;
        long prevTicks = hasPrev ? t.TicksAt(i) : 0;
        double sum = 0;
        for (var k = start; k < t.Count; k++)
        {
            var ticks = t.TicksAt(k);
            if (ticks > to)
            {
                break;
            }

            if (t.IsBadAt(k))
            {
                continue;
            }

            var v = t.ValueAt(k);
            if (hasPrev)
            {
                sum += Increment(prev, v, wrap, (ticks - prevTicks) / (double)TimeSpan.TicksPerSecond, idealCycleSeconds);
            }

            hasPrev = true;
            prev = v;
            prevTicks = ticks;
        }

        return sum;
    }

    internal static double Increment(double previous, double current, double wrap, double elapsedSeconds, double idealCycleSeconds)
    {
        var d = current - previous;
        if (d >= 0)
        {
            return d;
        }

        if (wrap > 0)
        {
            var wrapped = d + wrap;
            var plausible = (2 * elapsedSeconds / Math.Max(idealCycleSeconds, 1e-6)) + 10;
            if (wrapped >= 0 && wrapped <= plausible)
            {
                return wrapped;
            }
        }

        return Math.Max(current, 0);
    }
}
