namespace DataBridge.Kpi.Dashboard;

/// <summary>
/// The OEE trend of one asset: one point per publication at first, so a service (or the demo) that started a minute
/// ago already draws a moving line, coarsening as the trend grows so a whole shift fits in a bounded number of points.
/// A publication closer than the current step to the newest point replaces it; past <see cref="MaxPoints"/> points,
/// every second older point is dropped and the step doubles (5 s → 10 s → … → 160 s over 8 hours). Points older than
/// the span are dropped. Not thread-safe: the hub calls it under its lock.
/// </summary>
internal sealed class OeeTrend
{
    /// <summary>The most points a trend holds (a line card is about 1000 px wide, the SVG 1000 units).</summary>
    public const int MaxPoints = 240;

    private readonly List<DashboardTrendPoint> _points = [];
    private readonly long _spanMs;
    private long _stepMs;

    public OeeTrend(TimeSpan firstStep, TimeSpan span)
    {
        _stepMs = Math.Max(1, (long)firstStep.TotalMilliseconds);
        _spanMs = (long)span.TotalMilliseconds;
    }

    /// <summary>Adds the OEE published at <paramref name="t"/> (unix ms) and returns a copy of the trend.</summary>
    public DashboardTrendPoint[] Add(long t, double? oee)
    {
        if (_points.Count == 0 || t - _points[^1].T >= _stepMs)
        {
            _points.Add(new DashboardTrendPoint(t, oee));
        }
        else
        {
            // Within the current step: the newest point follows the latest value (the line's right end stays live).
            _points[^1] = new DashboardTrendPoint(_points[^1].T, oee);
        }

        if (_points.Count > MaxPoints)
        {
            Thin();
        }

        var oldest = t - _spanMs;
        var drop = 0;
        while (drop < _points.Count && _points[drop].T < oldest)
        {
            drop++;
        }

        _points.RemoveRange(0, drop);
        return [.. _points];
    }

    /// <summary>Keeps every second point counted back from the newest (which always stays) and doubles the step.</summary>
    private void Thin()
    {
        var kept = 0;
        var count = _points.Count;
        for (var i = (count - 1) % 2; i < count; i += 2)
        {
            _points[kept++] = _points[i];
        }

        _points.RemoveRange(kept, count - kept);
        _stepMs *= 2;
    }
}
