namespace DataBridge.Kpi.Model;

/// <summary>The KPI model: measured assets, shift calendars and service timing, as loaded from YAML.</summary>
public sealed class KpiModel
{
    /// <summary>The measured assets.</summary>
    public required IReadOnlyList<AssetModel> Assets { get; init; }

    /// <summary>The rolling window length (default 60 minutes).</summary>
    public TimeSpan RollingWindow { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>How often KPI records are published (default 5 seconds).</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long samples are kept; must cover the longest shift and the rolling window (default 24 h).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>This model with every asset planned by <paramref name="calendar"/> (the demo's shift from its start).</summary>
    public KpiModel WithCalendar(ShiftCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var assets = new List<AssetModel>(Assets.Count);
        foreach (var a in Assets)
        {
            assets.Add(new AssetModel
            {
                AssetPath = a.AssetPath,
                State = a.State,
                ReasonTag = a.ReasonTag,
                Reasons = a.Reasons,
                TotalCounter = a.TotalCounter,
                GoodCounter = a.GoodCounter,
                IdealCycleSeconds = a.IdealCycleSeconds,
                MicroStopThreshold = a.MicroStopThreshold,
                Targets = a.Targets,
                Calendar = calendar,
            });
        }

        return new KpiModel { Assets = assets, RollingWindow = RollingWindow, PublishInterval = PublishInterval, Retention = Retention };
    }
}
