using DataBridge.Kpi.Dashboard;

namespace DataBridge.Kpi.Tests.Dashboard;

/// <summary>The dashboard's OEE trend: moving from the first minute, bounded over a whole shift.</summary>
public sealed class OeeTrendTests
{
    private static readonly TimeSpan Publish = TimeSpan.FromSeconds(5);

    [Fact]
    public void Every_publication_of_the_first_minute_is_a_point_of_the_trend()
    {
        var trend = new OeeTrend(Publish, TimeSpan.FromHours(8));
        DashboardTrendPoint[] points = [];
        for (var i = 0; i < 12; i++)
        {
            points = trend.Add(i * 5_000, 0.5 + (i * 0.01));
        }

        Assert.Equal(12, points.Length);
        Assert.Equal(55_000, points[^1].T);
        Assert.Equal(0.61, points[^1].Oee!.Value, 6);
    }

    [Fact]
    public void A_publication_within_the_step_updates_the_newest_point()
    {
        var trend = new OeeTrend(Publish, TimeSpan.FromHours(8));
        trend.Add(0, 0.5);
        trend.Add(5_000, 0.6);

        var points = trend.Add(7_000, 0.7);

        Assert.Equal(2, points.Length);
        Assert.Equal(new DashboardTrendPoint(5_000, 0.7), points[^1]);
    }

    [Fact]
    public void Past_the_point_limit_every_second_older_point_goes_and_the_step_doubles()
    {
        var trend = new OeeTrend(Publish, TimeSpan.FromHours(8));
        DashboardTrendPoint[] points = [];
        for (var i = 0; i <= OeeTrend.MaxPoints; i++)
        {
            points = trend.Add(i * 5_000L, i);
        }

        // 241 points thinned to 121: the newest stays, the spacing is now 10 s.
        Assert.Equal((OeeTrend.MaxPoints / 2) + 1, points.Length);
        Assert.Equal(OeeTrend.MaxPoints * 5_000L, points[^1].T);
        Assert.Equal(10_000, points[^1].T - points[^2].T);

        // The next publication 5 s later is inside the 10 s step: it updates the newest point instead of adding one.
        points = trend.Add((OeeTrend.MaxPoints + 1) * 5_000L, -1);
        Assert.Equal((OeeTrend.MaxPoints / 2) + 1, points.Length);
        Assert.Equal(-1, points[^1].Oee);
    }

    [Fact]
    public void Eight_hours_of_publications_every_5_s_stay_within_the_point_limit_and_the_span()
    {
        var trend = new OeeTrend(Publish, TimeSpan.FromHours(8));
        DashboardTrendPoint[] points = [];
        var end = (long)TimeSpan.FromHours(10).TotalMilliseconds;
        for (long t = 0; t <= end; t += 5_000)
        {
            points = trend.Add(t, 0.8);
        }

        Assert.InRange(points.Length, 100, OeeTrend.MaxPoints);
        Assert.True(points[0].T >= end - (long)TimeSpan.FromHours(8).TotalMilliseconds, $"oldest point {points[0].T} is older than 8 h");
        Assert.Equal(end, points[^1].T);
    }
}
