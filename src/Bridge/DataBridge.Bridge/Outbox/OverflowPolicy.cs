namespace DataBridge.Bridge.Outbox;

/// <summary>What the outbox does when the disk budget (<see cref="OutboxOptions.MaxDiskBytes"/>) is reached.</summary>
public enum OverflowPolicy
{
    /// <summary>
    /// Delete the oldest segment even if a sink has not read it; the lost records are summarised per source as exact
    /// sequence ranges and written into the log as gap records before the segment is deleted.
    /// </summary>
    DropOldest,

    /// <summary>
    /// Refuse new values (<see cref="AppendStatus.Rejected"/>); the refused sequence ranges are tracked per source,
    /// persisted, and written as gap records once space frees up.
    /// </summary>
    DropNewest,
}
