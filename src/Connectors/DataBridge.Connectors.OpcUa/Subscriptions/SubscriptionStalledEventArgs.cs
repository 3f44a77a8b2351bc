namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>
/// A subscription heard nothing (no NotificationMessage, no keep-alive) for longer than its keep-alive period allows;
/// the connection or the server is likely gone and the reconnect logic should act.
/// </summary>
/// <param name="subscriptionId">The silent subscription.</param>
/// <param name="silentFor">How long nothing was heard.</param>
/// <param name="limit">The allowed silence: keep-alive count × publishing interval × margin.</param>
public sealed class SubscriptionStalledEventArgs(uint subscriptionId, TimeSpan silentFor, TimeSpan limit) : EventArgs
{
    /// <summary>The silent subscription.</summary>
    public uint SubscriptionId { get; } = subscriptionId;

    /// <summary>How long nothing was heard.</summary>
    public TimeSpan SilentFor { get; } = silentFor;

    /// <summary>The allowed silence.</summary>
    public TimeSpan Limit { get; } = limit;
}
