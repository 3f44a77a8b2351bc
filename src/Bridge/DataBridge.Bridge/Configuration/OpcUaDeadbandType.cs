namespace DataBridge.Bridge.Configuration;

/// <summary>Kind of data-change deadband an OPC UA monitored item uses (Part 4 §7.22.2).</summary>
public enum OpcUaDeadbandType
{
    /// <summary>Report every change.</summary>
    None = 0,
    /// <summary>Absolute change in engineering units.</summary>
    Absolute = 1,
    /// <summary>Percent of the variable's EURange.</summary>
    Percent = 2,
}
