namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>The engine's bookkeeping for one subscription: sequence tracking and when it was last heard.</summary>
internal sealed class SubscriptionState
{
    public SubscriptionState(uint id, TimeSpan publishingInterval, uint keepAliveCount, DateTimeOffset now)
    {
        Id = id;
        PublishingInterval = publishingInterval;
        KeepAliveCount = keepAliveCount;
        LastHeardTicks = now.UtcTicks;
    }

    public uint Id { get; }

    public TimeSpan PublishingInterval { get; set; }

    public uint KeepAliveCount { get; set; }

    /// <summary>The sequence number of the next NotificationMessage to deliver; 0 until the first message sets it (after a transfer).</summary>
    public uint Expected { get; set; } = 1;

    /// <summary>
    /// The highest sequence number known to exist (a data message seen, or one before a keep-alive's next number);
    /// when it is at or past <see cref="Expected"/>, messages are missing or still on their way.
    /// </summary>
    public uint SeenUpTo { get; set; }

    /// <summary>Messages that arrived ahead of <see cref="Expected"/>, held until the hole before them is filled.</summary>
    public SortedDictionary<uint, Generated.NotificationMessage> Pending { get; } = [];

    /// <summary>Whether a message before <see cref="SeenUpTo"/> has not been delivered yet.</summary>
    public bool HasHole => Expected != 0 && (SeenUpTo == Expected || (int)(SeenUpTo - Expected) > 0);

    /// <summary>Ticks (UTC) of the last Publish response for this subscription; written by publish tasks, read by the watchdog.</summary>
    public long LastHeardTicks;

    /// <summary>1 while a stall has been reported and nothing was heard since.</summary>
    public int StallReported;

    /// <summary>The silence after which the subscription counts as stalled.</summary>
    public TimeSpan StallLimit(double margin) => PublishingInterval * KeepAliveCount * margin + TimeSpan.FromSeconds(1);

    /// <summary>Part 4 §5.13.1.1: sequence numbers roll over to 1 after UInt32.MaxValue (0 is never used).</summary>
    public static uint Next(uint sequenceNumber) => sequenceNumber == uint.MaxValue ? 1 : sequenceNumber + 1;
}
