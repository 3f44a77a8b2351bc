namespace DataBridge.Bridge.Outbox;

/// <summary>Why a range of sequence numbers is missing.</summary>
public enum GapReason : byte
{
    /// <summary>Reported by a producer of records (e.g. the pipeline or the diode receiver), not by the outbox.</summary>
    Upstream = 0,

    /// <summary>The oldest segment was deleted under <see cref="OverflowPolicy.DropOldest"/> before every sink read it.</summary>
    OverflowDropOldest = 1,

    /// <summary>Values were refused under <see cref="OverflowPolicy.DropNewest"/> because the disk budget was full.</summary>
    OverflowDropNewest = 2,

    /// <summary>Bytes on disk failed their checksum; the frames in that byte range could not be read.</summary>
    Corruption = 3,
}
