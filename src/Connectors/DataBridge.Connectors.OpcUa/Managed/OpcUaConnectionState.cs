namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>Where a managed client's connection stands.</summary>
public enum OpcUaConnectionState
{
    /// <summary>Not connected yet, or reconnecting without a failure so far.</summary>
    Connecting,

    /// <summary>A session with a live subscription is up.</summary>
    Connected,

    /// <summary>The connection was lost or a connect attempt failed; <see cref="OpcUaConnectionStateChangedEventArgs.Problem"/> says why.</summary>
    Down,
}
