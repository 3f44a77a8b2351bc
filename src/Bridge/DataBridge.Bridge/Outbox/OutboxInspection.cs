using System.Globalization;

namespace DataBridge.Bridge.Outbox;

/// <summary>One segment file as <see cref="OutboxInspector"/> saw it.</summary>
/// <param name="Name">File name.</param>
/// <param name="BasePosition">Logical position of its first record.</param>
/// <param name="FileBytes">File length.</param>
/// <param name="Records">Valid frames.</param>
/// <param name="UnreadableBytes">Bytes that failed their checksum (torn tail or corruption).</param>
public sealed record InspectedSegment(string Name, long BasePosition, long FileBytes, long Records, long UnreadableBytes);

/// <summary>First and last sequence number of one source in the log, and the holes no record or gap explains.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="Values">Value records.</param>
/// <param name="FirstSequence">Lowest sequence in a value or gap record.</param>
/// <param name="LastSequence">Highest sequence in a value or gap record.</param>
/// <param name="UnexplainedHoles">Sequence ranges between first and last that are in no value and no gap record.</param>
public sealed record InspectedSource(string SourceId, long Values, long FirstSequence, long LastSequence, IReadOnlyList<SequenceRange> UnexplainedHoles);

/// <summary>A gap the log knows of: a gap record, or unreadable bytes.</summary>
/// <param name="Position">Logical position.</param>
/// <param name="SourceId">Source, empty when unattributed.</param>
/// <param name="Gap">The range and reason (for unreadable bytes: -1..-1, <see cref="GapReason.Corruption"/>, with the byte range).</param>
public sealed record InspectedGap(long Position, string SourceId, GapInfo Gap);

/// <summary>What <c>databridge outbox inspect</c> prints: a read-only view of an outbox directory.</summary>
/// <param name="Directory">The directory.</param>
/// <param name="Segments">Segment files in position order.</param>
/// <param name="CheckpointDurablePosition">Durable position in checkpoint.json, or null when it is missing or unreadable.</param>
/// <param name="SinkPositions">Committed read position per sink.</param>
/// <param name="Sources">Per-source sequence summary.</param>
/// <param name="Gaps">Known gaps in log order.</param>
/// <param name="PendingRefused">Drop-newest ranges not yet written as gap records.</param>
/// <param name="EndPosition">Position after the last valid record.</param>
public sealed record OutboxInspection(
    string Directory,
    IReadOnlyList<InspectedSegment> Segments,
    long? CheckpointDurablePosition,
    IReadOnlyDictionary<string, long> SinkPositions,
    IReadOnlyList<InspectedSource> Sources,
    IReadOnlyList<InspectedGap> Gaps,
    IReadOnlyList<SequenceRange> PendingRefused,
    long EndPosition)
{
    /// <summary>Writes the human-readable report.</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var c = CultureInfo.InvariantCulture;
        long total = 0;
        long records = 0;
        foreach (var s in Segments)
        {
            total += s.FileBytes;
            records += s.Records;
        }

        writer.WriteLine(string.Create(c, $"outbox {Directory}"));
        writer.WriteLine(string.Create(c, $"segments: {Segments.Count}, {records} records, {total} bytes, end position {EndPosition}"));
        foreach (var s in Segments)
        {
            var bad = s.UnreadableBytes > 0 ? string.Create(c, $"  unreadable={s.UnreadableBytes}") : string.Empty;
            writer.WriteLine(string.Create(c, $"  {s.Name}  base={s.BasePosition}  bytes={s.FileBytes}  records={s.Records}{bad}"));
        }

        writer.WriteLine(CheckpointDurablePosition is { } cp ? string.Create(c, $"checkpoint: durable position {cp}") : "checkpoint: missing (the next start scans every segment)");
        writer.WriteLine(string.Create(c, $"sinks: {SinkPositions.Count}"));
        var sinks = new List<string>(SinkPositions.Keys);
        sinks.Sort(StringComparer.Ordinal);
        foreach (var name in sinks)
        {
            writer.WriteLine(string.Create(c, $"  {name}  committed={SinkPositions[name]}  behind={Math.Max(0, EndPosition - SinkPositions[name])} bytes"));
        }

        writer.WriteLine(string.Create(c, $"sources: {Sources.Count}"));
        foreach (var s in Sources)
        {
            writer.WriteLine(string.Create(c, $"  {s.SourceId}  values={s.Values}  first={s.FirstSequence}  last={s.LastSequence}"));
            foreach (var hole in s.UnexplainedHoles)
            {
                writer.WriteLine(string.Create(c, $"    UNEXPLAINED HOLE {hole.First}..{hole.Last} (no value and no gap record)"));
            }
        }

        writer.WriteLine(string.Create(c, $"gaps known: {Gaps.Count + PendingRefused.Count}"));
        foreach (var g in Gaps)
        {
            writer.WriteLine(g.Gap.IsAttributed
                ? string.Create(c, $"  {g.SourceId} {g.Gap.FirstSequence}..{g.Gap.LastSequence}  {g.Gap.Reason}  at position {g.Position}")
                : string.Create(c, $"  (unattributed) {g.Gap.ByteCount} unreadable bytes  {g.Gap.Reason}  at position {g.Gap.BytePosition}"));
        }

        foreach (var r in PendingRefused)
        {
            writer.WriteLine(string.Create(c, $"  {r.SourceId} {r.First}..{r.Last}  OverflowDropNewest  refused, gap record pending"));
        }
    }
}
