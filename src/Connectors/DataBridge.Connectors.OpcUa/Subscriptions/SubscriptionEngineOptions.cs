namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>How the <see cref="SubscriptionEngine"/> pipelines Publish requests and watches keep-alives.</summary>
public sealed record SubscriptionEngineOptions
{
    /// <summary>The defaults.</summary>
    public static SubscriptionEngineOptions Default { get; } = new();

    /// <summary>Publish requests kept outstanding at start (default 3).</summary>
    public int InitialPublishRequests { get; init; } = 3;

    /// <summary>Most Publish requests outstanding when the server keeps answering at once (default 10).</summary>
    public int MaxPublishRequests { get; init; } = 10;

    /// <summary>
    /// Most NotificationMessages received but not yet taken by the consumer; at this level no further Publish is
    /// sent, so a slow consumer holds the data on the server rather than in client memory (default 16).
    /// </summary>
    public int MaxUndeliveredMessages { get; init; } = 16;

    /// <summary>Items per CreateMonitoredItems/DeleteMonitoredItems call when the server states no lower limit (default 1,000).</summary>
    public int MaxMonitoredItemsPerCall { get; init; } = 1000;

    /// <summary>Silence allowed beyond the keep-alive period, as a factor (default 1.5).</summary>
    public double KeepAliveMargin { get; init; } = 1.5;

    /// <summary>How often the keep-alive watchdog looks (default 1 s).</summary>
    public TimeSpan WatchdogInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most Republish calls for one run of missing messages; the rest is reported as a gap at once (default 1,000).</summary>
    public int MaxRepublishPerGap { get; init; } = 1000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialPublishRequests, 1, nameof(InitialPublishRequests));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPublishRequests, InitialPublishRequests, nameof(MaxPublishRequests));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUndeliveredMessages, 1, nameof(MaxUndeliveredMessages));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMonitoredItemsPerCall, 1, nameof(MaxMonitoredItemsPerCall));
        ArgumentOutOfRangeException.ThrowIfLessThan(KeepAliveMargin, 1.0, nameof(KeepAliveMargin));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WatchdogInterval, TimeSpan.Zero, nameof(WatchdogInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRepublishPerGap, 0, nameof(MaxRepublishPerGap));
    }
}
