namespace DataBridge.Bridge.Outbox;

/// <summary>Fill level and counters for health and metrics; a copy taken under the outbox lock.</summary>
/// <param name="UsedBytes">Bytes of all segment files (pending writes included).</param>
/// <param name="MaxDiskBytes">The disk budget.</param>
/// <param name="SegmentCount">Segment files.</param>
/// <param name="FirstPosition">Oldest position still on disk.</param>
/// <param name="EndPosition">Position after the last appended record.</param>
/// <param name="DurablePosition">Position up to which records are fsynced.</param>
/// <param name="AppendedRecords">Records accepted since open.</param>
/// <param name="RejectedRecords">Records refused under drop-newest since open.</param>
/// <param name="DroppedRecords">Unread records deleted under drop-oldest since open.</param>
/// <param name="DroppedSegments">Segments deleted under drop-oldest since open.</param>
/// <param name="GapRecordsWritten">Gap records the outbox wrote itself since open.</param>
/// <param name="Commits">Group commits (fsync rounds) since open.</param>
/// <param name="PendingRefusedRanges">Refused ranges not yet written as gap records.</param>
/// <param name="SinkPositions">Committed read position of every registered sink.</param>
public sealed record OutboxSnapshot(
    long UsedBytes,
    long MaxDiskBytes,
    int SegmentCount,
    long FirstPosition,
    long EndPosition,
    long DurablePosition,
    long AppendedRecords,
    long RejectedRecords,
    long DroppedRecords,
    long DroppedSegments,
    long GapRecordsWritten,
    long Commits,
    IReadOnlyList<SequenceRange> PendingRefusedRanges,
    IReadOnlyDictionary<string, long> SinkPositions)
{
    /// <summary>UsedBytes / MaxDiskBytes, 0..1 (slightly above 1 while gap records are written past a full budget).</summary>
    public double FillRatio => MaxDiskBytes == 0 ? 0 : (double)UsedBytes / MaxDiskBytes;
}
