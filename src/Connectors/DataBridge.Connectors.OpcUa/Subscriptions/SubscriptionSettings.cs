namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>What a subscription asks of the server (Part 4 §5.13.2); the server revises each value.</summary>
public sealed record SubscriptionSettings
{
    /// <summary>The defaults: 1 s publishing, keep-alive every 10 intervals, lifetime 3 × that.</summary>
    public static SubscriptionSettings Default { get; } = new();

    /// <summary>How often the server sends queued notifications (default 1 s).</summary>
    public TimeSpan PublishingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Publishing intervals without notifications after which the server sends a keep-alive (default 10).</summary>
    public uint MaxKeepAliveCount { get; init; } = 10;

    /// <summary>
    /// Publishing intervals without a Publish request after which the server deletes the subscription (default 60);
    /// Part 4 §5.13.2 requires at least 3 × <see cref="MaxKeepAliveCount"/>.
    /// </summary>
    public uint LifetimeCount { get; init; } = 60;

    /// <summary>Most notifications in one NotificationMessage (default 0: no limit).</summary>
    public uint MaxNotificationsPerPublish { get; init; }

    /// <summary>Relative priority among this session's subscriptions (default 0).</summary>
    public byte Priority { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PublishingInterval, TimeSpan.Zero, nameof(PublishingInterval));
        ArgumentOutOfRangeException.ThrowIfZero(MaxKeepAliveCount, nameof(MaxKeepAliveCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(LifetimeCount, 3 * MaxKeepAliveCount, nameof(LifetimeCount));
    }
}
