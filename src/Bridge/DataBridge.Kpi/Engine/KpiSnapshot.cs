namespace DataBridge.Kpi.Engine;

/// <summary>All KPI results computed at one instant: measured assets and roll-ups, shift and rolling windows.</summary>
/// <param name="ComputedAt">When (UTC, from the engine's TimeProvider).</param>
/// <param name="Results">Results ordered by asset path, shift window before rolling window.</param>
public sealed record KpiSnapshot(DateTime ComputedAt, IReadOnlyList<KpiResult> Results)
{
    /// <summary>An empty snapshot.</summary>
    public static KpiSnapshot Empty { get; } = new(DateTime.MinValue, []);

    /// <summary>The result of an asset and window, or null.</summary>
    public KpiResult? Find(string assetPath, KpiWindowKind window)
    {
        foreach (var r in Results)
        {
            if (r.Window == window && string.Equals(r.AssetPath, assetPath, StringComparison.Ordinal))
            {
                return r;
            }
        }

        return null;
    }
}
