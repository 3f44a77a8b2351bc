namespace DataBridge.Configuration;

/// <summary>How serious a configuration problem is.</summary>
public enum ConfigurationSeverity
{
    /// <summary>The configuration cannot be used; the bridge refuses to start.</summary>
    Error,
    /// <summary>Suspicious but usable (for example an unknown unit code or overlapping addresses); the bridge starts.</summary>
    Warning,
}
