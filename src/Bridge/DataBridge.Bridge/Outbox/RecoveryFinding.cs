namespace DataBridge.Bridge.Outbox;

/// <summary>What recovery found wrong in the outbox directory.</summary>
public enum RecoveryFindingKind
{
    /// <summary>The last segment ended in a partial or corrupt frame; the bytes were cut off (<see cref="RecoveryFinding.ByteCount"/>).</summary>
    TornTailTruncated,

    /// <summary>Unreadable bytes between valid frames; readers deliver a gap record at that position.</summary>
    CorruptRegionSkipped,

    /// <summary>A segment file had zero length (created but never flushed); the last one is re-initialised, others removed.</summary>
    ZeroLengthSegment,

    /// <summary>A segment header failed its checksum and was rewritten from the file name.</summary>
    SegmentHeaderRewritten,

    /// <summary>Log positions that the checkpoint or a sink had seen are gone (missing or shortened segment); readers deliver a gap.</summary>
    PositionsLost,

    /// <summary>No checkpoint (or an unreadable one): every segment was scanned.</summary>
    CheckpointMissing,
}

/// <summary>One thing recovery found and repaired; the bridge turns each into a bridge event.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="File">Segment (or checkpoint) file name.</param>
/// <param name="Position">Logical log position of the affected bytes (-1 when not applicable).</param>
/// <param name="ByteCount">How many bytes were cut, skipped or lost.</param>
/// <param name="Gap">The sequence range known to be missing, when it can be derived from the neighbouring records.</param>
public sealed record RecoveryFinding(RecoveryFindingKind Kind, string File, long Position, long ByteCount, SequenceRange? Gap = null);
