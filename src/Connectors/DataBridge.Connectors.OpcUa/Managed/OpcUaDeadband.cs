namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>The DataChangeFilter deadband kinds (Part 4 §7.22.2).</summary>
public enum OpcUaDeadband
{
    /// <summary>Every change is reported.</summary>
    None,

    /// <summary>Changes smaller than an absolute band are not reported.</summary>
    Absolute,

    /// <summary>Changes smaller than a percent of the variable's EURange are not reported.</summary>
    Percent,
}
