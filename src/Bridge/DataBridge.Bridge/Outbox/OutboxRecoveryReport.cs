namespace DataBridge.Bridge.Outbox;

/// <summary>What <see cref="Outbox.OpenAsync"/> did to bring the log back to a consistent state.</summary>
/// <param name="Findings">Every problem found and repaired, in file order; empty after a clean shutdown.</param>
/// <param name="SegmentCount">Segments present after recovery.</param>
/// <param name="BytesScanned">Bytes read frame by frame (the tail after the checkpoint, or everything without one).</param>
/// <param name="RecordsScanned">Frames validated while scanning.</param>
/// <param name="Duration">Wall time of recovery.</param>
public sealed record OutboxRecoveryReport(
    IReadOnlyList<RecoveryFinding> Findings,
    int SegmentCount,
    long BytesScanned,
    long RecordsScanned,
    TimeSpan Duration)
{
    /// <summary>True when nothing had to be repaired.</summary>
    public bool IsClean => Findings.Count == 0;

    /// <summary>Bytes cut from torn tails.</summary>
    public long TruncatedBytes
    {
        get
        {
            long total = 0;
            foreach (var f in Findings)
            {
                if (f.Kind == RecoveryFindingKind.TornTailTruncated)
                {
                    total += f.ByteCount;
                }
            }

            return total;
        }
    }
}
