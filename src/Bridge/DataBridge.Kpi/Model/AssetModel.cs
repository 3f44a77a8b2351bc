namespace DataBridge.Kpi.Model;

/// <summary>One measured asset (a line or a cell) of the KPI model.</summary>
public sealed class AssetModel
{
    /// <summary>ISA-95 path enterprise/site/area/line[/cell].</summary>
    public required string AssetPath { get; init; }

    /// <summary>Level of the path (line or cell).</summary>
    public AssetLevel Level => (AssetLevel)AssetPath.Split('/').Length;

    /// <summary>Where the machine state comes from.</summary>
    public required StateSourceModel State { get; init; }

    /// <summary>Downtime reason code tag, optional.</summary>
    public string? ReasonTag { get; init; }

    /// <summary>Downtime reason code to name.</summary>
    public IReadOnlyDictionary<long, string> Reasons { get; init; } = new Dictionary<long, string>();

    /// <summary>Counter of all parts produced (PQ).</summary>
    public required CounterModel TotalCounter { get; init; }

    /// <summary>Counter of good parts (GQ); when absent every produced part is good.</summary>
    public CounterModel? GoodCounter { get; init; }

    /// <summary>Ideal cycle time in seconds per part (PRI, the fastest sustainable rate).</summary>
    public required double IdealCycleSeconds { get; init; }

    /// <summary>Unplanned stops up to this long are micro-stops (performance losses, not downtime).</summary>
    public TimeSpan MicroStopThreshold { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Targets.</summary>
    public KpiTargets Targets { get; init; } = new();

    /// <summary>The shift calendar that gives planned time.</summary>
    public required ShiftCalendar Calendar { get; init; }
}
