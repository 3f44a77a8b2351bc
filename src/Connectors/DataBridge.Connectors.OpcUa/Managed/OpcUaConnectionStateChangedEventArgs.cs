namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>A change of a managed client's connection.</summary>
public sealed class OpcUaConnectionStateChangedEventArgs(OpcUaConnectionState state, OpcUaSessionOutcome outcome, string? problem) : EventArgs
{
    /// <summary>The state now.</summary>
    public OpcUaConnectionState State { get; } = state;

    /// <summary>For <see cref="OpcUaConnectionState.Connected"/>: how the subscription was kept.</summary>
    public OpcUaSessionOutcome Outcome { get; } = outcome;

    /// <summary>For <see cref="OpcUaConnectionState.Down"/>: what went wrong, for a person.</summary>
    public string? Problem { get; } = problem;
}
