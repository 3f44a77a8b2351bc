namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>
/// One NotificationMessage of one subscription, or one unrepairable gap, handed to the consumer in sequence-number
/// order. The engine acknowledges the message to the server only after the consumer's callback has completed.
/// </summary>
public sealed class SubscriptionNotificationBatch
{
    internal SubscriptionNotificationBatch(uint subscriptionId, uint sequenceNumber, DateTime publishTime, ItemNotification[] notifications, bool republished, NotificationGap? gap)
    {
        SubscriptionId = subscriptionId;
        SequenceNumber = sequenceNumber;
        PublishTime = publishTime;
        Notifications = notifications;
        Republished = republished;
        Gap = gap;
    }

    /// <summary>The server's subscription id.</summary>
    public uint SubscriptionId { get; }

    /// <summary>The NotificationMessage's sequence number (for a gap: its last missing number).</summary>
    public uint SequenceNumber { get; }

    /// <summary>When the server sent the message (UTC); <see cref="DateTime.MinValue"/> for a gap.</summary>
    public DateTime PublishTime { get; }

    /// <summary>The data changes, in the order the server listed them (per item, oldest first).</summary>
    public IReadOnlyList<ItemNotification> Notifications { get; }

    /// <summary>Whether the message was recovered with Republish after it went missing.</summary>
    public bool Republished { get; }

    /// <summary>When not null, this batch carries no data: it reports messages that are lost for good.</summary>
    public NotificationGap? Gap { get; }

    /// <summary>A batch that reports a gap.</summary>
    internal static SubscriptionNotificationBatch ForGap(NotificationGap gap) =>
        new(gap.SubscriptionId, gap.LastSequenceNumber, DateTime.MinValue, [], false, gap);
}
