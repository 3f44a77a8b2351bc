using System.Text.Json;
using DataBridge.Kpi.Engine;
using DataBridge.Kpi.Model;

namespace DataBridge.Kpi.Dashboard;

/// <summary>
/// The latest KPI snapshot for the dashboard, already serialised once to JSON, plus the OEE trend of the last
/// hours. The service publishes into it; each SSE client awaits the next version. Thread-safe.
/// </summary>
public sealed class KpiSnapshotHub
{
    private readonly object _gate = new();
    private readonly Dictionary<string, OeeTrend> _trend = new(StringComparer.Ordinal);
    private readonly TimeSpan _trendSpan;
    private readonly TimeSpan _trendStep;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _json = JsonSerializer.SerializeToUtf8Bytes(new DashboardSnapshot(DateTime.MinValue, []), DashboardJsonContext.Default.DashboardSnapshot);

    /// <summary>
    /// Creates a hub keeping <paramref name="trendSpan"/> of trend (default 8 h). The trend starts with one point per
    /// <paramref name="trendStep"/> (default 5 s, the default publish interval) so it moves from the first minute,
    /// and coarsens as it grows (<see cref="OeeTrend"/>).
    /// </summary>
    public KpiSnapshotHub(TimeSpan? trendSpan = null, TimeSpan? trendStep = null)
    {
        _trendSpan = trendSpan ?? TimeSpan.FromHours(8);
        _trendStep = trendStep ?? TimeSpan.FromSeconds(5);
    }

    /// <summary>A hub for <paramref name="model"/>: its trend starts with one point per publication.</summary>
    public static KpiSnapshotHub For(KpiModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new KpiSnapshotHub(trendStep: model.PublishInterval);
    }

    /// <summary>Increases with every published snapshot (0 before the first).</summary>
    public long Version { get; private set; }

    /// <summary>The latest dashboard snapshot.</summary>
    public DashboardSnapshot Current { get; private set; } = new(DateTime.MinValue, []);

    /// <summary>The latest snapshot as UTF-8 JSON (what GET /api/kpi and the SSE stream send).</summary>
    public ReadOnlyMemory<byte> CurrentJson
    {
        get
        {
            lock (_gate)
            {
                return _json;
            }
        }
    }

    /// <summary>Publishes a new engine snapshot: updates the trend, serialises, and wakes every waiting client.</summary>
    public void Publish(KpiSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        TaskCompletionSource wake;
        lock (_gate)
        {
            var dashboard = Build(snapshot);
            Current = dashboard;
            _json = JsonSerializer.SerializeToUtf8Bytes(dashboard, DashboardJsonContext.Default.DashboardSnapshot);
            Version++;
            wake = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    /// <summary>Completes when a version newer than <paramref name="seen"/> is published.</summary>
    public Task WaitForNewerAsync(long seen, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Version > seen ? Task.CompletedTask : _next.Task.WaitAsync(cancellationToken);
        }
    }

    private DashboardSnapshot Build(KpiSnapshot snapshot)
    {
        var byPath = new SortedDictionary<string, (KpiResult? Shift, KpiResult? Rolling)>(StringComparer.Ordinal);
        foreach (var r in snapshot.Results)
        {
            var entry = byPath.GetValueOrDefault(r.AssetPath);
            byPath[r.AssetPath] = r.Window == KpiWindowKind.Shift ? (r, entry.Rolling) : (entry.Shift, r);
        }

        var assets = new List<DashboardAsset>(byPath.Count);
        foreach (var (path, (shift, rolling)) in byPath)
        {
            var any = (shift ?? rolling)!;
            var trend = AddTrend(path, snapshot.ComputedAt, rolling?.Oee);
            assets.Add(new DashboardAsset(
                path,
                path[(path.LastIndexOf('/') + 1)..],
                LevelName(any.Level),
                any.IsMeasured,
                any.State.ToName(),
                shift?.OeeTarget ?? rolling?.OeeTarget,
                Window(shift),
                Window(rolling),
                trend));
        }

        return new DashboardSnapshot(snapshot.ComputedAt, assets);
    }

    private DashboardTrendPoint[] AddTrend(string path, DateTime at, double? oee)
    {
        if (!_trend.TryGetValue(path, out var trend))
        {
            trend = new OeeTrend(_trendStep, _trendSpan);
            _trend[path] = trend;
        }

        return trend.Add(new DateTimeOffset(at).ToUnixTimeMilliseconds(), oee);
    }

    private static DashboardWindow? Window(KpiResult? r)
    {
        if (r is null)
        {
            return null;
        }

        var t = r.Totals;
        var reasons = new List<DashboardReason>(t.DowntimeByReason.Count);
        foreach (var (k, v) in t.DowntimeByReason)
        {
            reasons.Add(new DashboardReason(k, Math.Round(v, 1)));
        }

        reasons.Sort((a, b) => b.Seconds.CompareTo(a.Seconds));
        return new DashboardWindow(
            r.WindowName, r.WindowStart, r.WindowEnd, r.Oee, r.Availability, r.Performance, r.Quality, t.Teep,
            t.ThroughputPerHour, t.ThroughputPlanPerHour, (long)Math.Round(t.TotalCount), (long)Math.Round(t.GoodCount),
            t.DowntimeSeconds, t.DowntimeCount, t.LongestDowntimeSeconds, t.MicroStopCount, t.UnknownSeconds, reasons,
            r.DataFrom, t.UnknownShare, t.PlannedSeconds, t.ObservedPlannedSeconds);
    }

    internal static string LevelName(AssetLevel level) => level switch
    {
        AssetLevel.Enterprise => "enterprise",
        AssetLevel.Site => "site",
        AssetLevel.Area => "area",
        AssetLevel.Line => "line",
        _ => "cell",
    };
}
