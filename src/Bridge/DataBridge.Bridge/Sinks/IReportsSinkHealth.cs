namespace DataBridge.Bridge.Sinks;

/// <summary>A sink that can say whether its destination is reachable (for <c>/healthz</c> and the degraded status).</summary>
public interface IReportsSinkHealth
{
    /// <summary>The sink's state now.</summary>
    SinkHealth Health { get; }
}
