namespace DataBridge.Kpi.Model;

/// <summary>Targets the dashboard colours against.</summary>
public sealed class KpiTargets
{
    /// <summary>OEE target (0..1), e.g. 0.85.</summary>
    public double Oee { get; init; } = 0.85;

    /// <summary>Planned output in parts per planned hour; null to derive it from the ideal cycle time and the OEE target.</summary>
    public double? ThroughputPerHour { get; init; }
}
