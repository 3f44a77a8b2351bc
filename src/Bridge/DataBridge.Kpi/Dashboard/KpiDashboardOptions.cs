namespace DataBridge.Kpi.Dashboard;

/// <summary>Where and how the dashboard is served.</summary>
public sealed class KpiDashboardOptions
{
    /// <summary>The default address: loopback only. Put a reverse proxy in front to show it on a wall screen.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>The URL to listen on (port 0 picks a free port).</summary>
    public string Url { get; init; } = DefaultUrl;

    /// <summary>GET /healthz answers 503 when the last snapshot is older than this (null: never stale).</summary>
    public TimeSpan? StaleAfter { get; init; }

    /// <summary>Interval of SSE keep-alive comments, so proxies do not close an idle stream.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);
}
