namespace DataBridge.Bridge.Outbox;

/// <summary>Why a range of sequence numbers is missing.</summary>
public enum GapReason : byte
{
    /// <summary>
    /// Reported by the pipeline: numbers a previous run may have handed to a sink without an outbox (at start-up), or
    /// any other upstream loss without a reason of its own.
    /// </summary>
    Upstream = 0,

    /// <summary>The oldest segment was deleted under <see cref="OverflowPolicy.DropOldest"/> before every sink read it.</summary>
    OverflowDropOldest = 1,

    /// <summary>Values were refused under <see cref="OverflowPolicy.DropNewest"/> because the disk budget was full.</summary>
    OverflowDropNewest = 2,

    /// <summary>Bytes on disk failed their checksum; the frames in that byte range could not be read.</summary>
    Corruption = 3,

    /// <summary>Reported by an OPC UA source: NotificationMessages the server could not republish.</summary>
    UpstreamRepublishFailed = 4,

    /// <summary>Reported by an OPC UA source: the server lost the subscription, so changes in between are unknown.</summary>
    UpstreamSubscriptionLost = 5,
}
