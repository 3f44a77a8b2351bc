namespace DataBridge.Bridge.Configuration;

/// <summary>The <c>outbox:</c> section: where and how the disk outbox keeps records until Kafka has them.</summary>
public sealed class OutboxSettings
{
    /// <summary>Use the disk outbox (default). Off, values are acknowledged upstream only after Kafka acknowledged them.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The outbox folder; null means <c>&lt;stateDir&gt;/outbox</c>.</summary>
    public string? Directory { get; init; }

    /// <summary>Most bytes the outbox may use on disk before the overflow policy applies (default 1 GiB).</summary>
    public long MaxDiskBytes { get; init; } = 1L << 30;

    /// <summary>Size of one segment file (default 64 MiB).</summary>
    public long SegmentBytes { get; init; } = 64L << 20;

    /// <summary>What happens when the budget is full; either way a gap record names what was lost.</summary>
    public OutboxOverflow Overflow { get; init; } = OutboxOverflow.DropOldest;

    /// <summary>Longest time an appended record waits for its fsync (group commit; default 10 ms).</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromMilliseconds(10);
}

/// <summary>The outbox's policy when its disk budget is full.</summary>
public enum OutboxOverflow
{
    /// <summary>Delete the oldest segment, even if not yet forwarded (the newest data is worth more).</summary>
    DropOldest,

    /// <summary>Refuse new values until there is room (the oldest data is worth more).</summary>
    DropNewest,
}
