using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Outbox;

/// <summary>What recovery hands to the new <see cref="Outbox"/>.</summary>
internal sealed record RecoveredState(
    List<SegmentState> Segments,
    Dictionary<string, long> LastSequences,
    SequenceRangeSet Refused,
    Dictionary<string, long> SinkPositions,
    OutboxRecoveryReport Report);

/// <summary>
/// Brings the directory back to a consistent log: trusts sealed segments the checkpoint describes, scans the rest frame by
/// frame, cuts a torn tail of the last segment, reports corrupt regions in the middle (readers turn them into gap
/// records), and never lets positions go backwards (sinks' committed positions refer to them).
/// </summary>
internal static class OutboxRecovery
{
    public static RecoveredState Recover(IOutboxDevice device, OutboxOptions options, ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        var findings = new List<RecoveryFinding>();
        var names = new List<(long Base, string Name)>();
        foreach (var name in device.ListFiles())
        {
            if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                device.Delete(name);
            }
            else if (SegmentFile.TryParseName(name, out var basePosition))
            {
                names.Add((basePosition, name));
            }
        }

        names.Sort((a, b) => a.Base.CompareTo(b.Base));
        var checkpoint = OutboxState.TryLoad<CheckpointData>(device, OutboxState.CheckpointFile);
        if (checkpoint is null && names.Count > 0)
        {
            findings.Add(new RecoveryFinding(RecoveryFindingKind.CheckpointMissing, OutboxState.CheckpointFile, -1, 0));
        }

        var sinks = OutboxState.TryLoad<Dictionary<string, long>>(device, OutboxState.SinksFile) ?? [];
        var sinkPositions = new Dictionary<string, long>(sinks, StringComparer.Ordinal);
        var lastSequences = new Dictionary<string, long>(checkpoint?.LastSequences ?? [], StringComparer.Ordinal);
        var refused = new SequenceRangeSet();
        foreach (var r in OutboxState.TryLoad<RefusedData>(device, OutboxState.RefusedFile)?.Ranges ?? [])
        {
            refused.Add(r.Source, r.First, r.Last);
            Raise(lastSequences, r.Source, r.Last);
        }

        var scan = new ScanTotals();
        var segments = new List<SegmentState>();
        for (var i = 0; i < names.Count; i++)
        {
            var segment = RecoverSegment(device, options, names[i].Base, isLast: i == names.Count - 1, checkpoint, lastSequences, findings, scan);
            if (segment is not null)
            {
                segments.Add(segment);
            }
        }

        DropEmptySegmentsAfterShortOnes(device, segments, findings);
        ReportMissingSegments(checkpoint, segments, findings);

        // Positions never move backwards: the checkpoint or a sink may have seen positions that are gone now.
        var required = checkpoint?.DurablePosition ?? 0;
        foreach (var p in sinkPositions.Values)
        {
            required = Math.Max(required, p);
        }

        var end = segments.Count > 0 ? segments[^1].End : 0;
        if (segments.Count == 0 || end < required)
        {
            if (segments.Count > 0)
            {
                segments[^1].Sealed = true;
                findings.Add(new RecoveryFinding(RecoveryFindingKind.PositionsLost, segments[^1].Name, end, required - end));
            }

            segments.Add(CreateSegment(device, Math.Max(end, required)));
        }

        var last = segments[^1];
        last.Writer ??= device.Open(last.Name, create: false);
        device.FlushDirectory();

        var report = new OutboxRecoveryReport(findings, segments.Count, scan.Bytes, scan.Records, Stopwatch.GetElapsedTime(started));
        foreach (var f in findings)
        {
            logger.LogWarning("Outbox recovery: {Kind} in {File} at position {Position}, {Bytes} bytes, gap {Gap}", f.Kind, f.File, f.Position, f.ByteCount, f.Gap);
        }

        logger.LogInformation("Outbox recovered {Segments} segments, scanned {Bytes} bytes ({Records} records) in {Ms} ms", segments.Count, scan.Bytes, scan.Records, report.Duration.TotalMilliseconds);
        return new RecoveredState(segments, lastSequences, refused, sinkPositions, report);
    }

    private static SegmentState? RecoverSegment(
        IOutboxDevice device,
        OutboxOptions options,
        long basePosition,
        bool isLast,
        CheckpointData? checkpoint,
        Dictionary<string, long> lastSequences,
        List<RecoveryFinding> findings,
        ScanTotals scan)
    {
        var segment = new SegmentState(basePosition);
        using var file = device.Open(segment.Name, create: false);
        var fileLength = file.Length;
        if (fileLength < SegmentFile.HeaderLength)
        {
            findings.Add(new RecoveryFinding(RecoveryFindingKind.ZeroLengthSegment, segment.Name, basePosition, fileLength));
            if (!isLast)
            {
                file.Dispose();
                device.Delete(segment.Name);
                return null;
            }

            WriteHeader(file, basePosition);
            file.SetLength(SegmentFile.HeaderLength);
            file.Flush();
            return segment;
        }

        Span<byte> header = stackalloc byte[SegmentFile.HeaderLength];
        file.Read(0, header);
        if (!SegmentFile.IsValidHeader(header, basePosition))
        {
            findings.Add(new RecoveryFinding(RecoveryFindingKind.SegmentHeaderRewritten, segment.Name, basePosition, SegmentFile.HeaderLength));
            WriteHeader(file, basePosition);
            file.Flush();
        }

        var dataLength = fileLength - SegmentFile.HeaderLength;
        var entry = checkpoint?.Segments.Find(s => s.Base == basePosition);
        if (entry is not null && entry.Sealed && entry.Records >= 0 && dataLength >= entry.Length)
        {
            // Sealed and checkpointed: trusted without a scan (bit rot inside it is caught by readers' CRC checks).
            segment.Length = entry.Length;
            segment.ValidLength = entry.Length;
            segment.Records = entry.Records;
            segment.Sealed = !isLast;
            if (dataLength > entry.Length)
            {
                file.SetLength(SegmentFile.HeaderLength + entry.Length);
                file.Flush();
            }

            return segment;
        }

        if (entry is not null && dataLength < entry.Length)
        {
            findings.Add(new RecoveryFinding(RecoveryFindingKind.PositionsLost, segment.Name, basePosition + dataLength, entry.Length - dataLength));
        }

        // Scan the tail after the checkpoint, or the whole segment without one.
        long scanFrom = 0;
        long records = 0;
        if (entry is not null && entry.Records >= 0 && entry.Length <= dataLength)
        {
            scanFrom = entry.Length;
            records = entry.Records;
        }

        var validEnd = ScanSegment(file, options, segment, scanFrom, isLast, lastSequences, findings, scan, ref records);
        segment.Records = records;
        if (isLast && validEnd < dataLength)
        {
            findings.Add(new RecoveryFinding(RecoveryFindingKind.TornTailTruncated, segment.Name, basePosition + validEnd, dataLength - validEnd));
            file.SetLength(SegmentFile.HeaderLength + validEnd);
            file.Flush();
            dataLength = validEnd;
        }

        segment.Length = dataLength;
        segment.ValidLength = validEnd;
        segment.Sealed = !isLast;
        return segment;
    }

    /// <summary>
    /// A roll creates the next segment file (with its header) before the previous segment's last bytes are written, so a
    /// crash can leave an empty newest segment behind a short or torn one. Those bytes were never durable: the empty file
    /// goes and the previous segment becomes the active one again, its torn tail cut like any other.
    /// </summary>
    private static void DropEmptySegmentsAfterShortOnes(IOutboxDevice device, List<SegmentState> segments, List<RecoveryFinding> findings)
    {
        while (segments.Count >= 2 && segments[^1].Length == 0 && segments[^2].Base + segments[^2].ValidLength != segments[^1].Base)
        {
            device.Delete(segments[^1].Name);
            segments.RemoveAt(segments.Count - 1);
            var previous = segments[^1];
            findings.RemoveAll(f => f.Kind == RecoveryFindingKind.CorruptRegionSkipped && f.File == previous.Name && f.Position == previous.Base + previous.ValidLength);
            if (previous.ValidLength < previous.Length)
            {
                findings.Add(new RecoveryFinding(RecoveryFindingKind.TornTailTruncated, previous.Name, previous.Base + previous.ValidLength, previous.Length - previous.ValidLength));
                using var file = device.Open(previous.Name, create: false);
                file.SetLength(SegmentFile.HeaderLength + previous.ValidLength);
                file.Flush();
                previous.Length = previous.ValidLength;
            }

            previous.Sealed = false;
        }
    }

    /// <summary>Scans frames from <paramref name="from"/>; returns the data offset after the last valid frame.</summary>
    private static long ScanSegment(
        IOutboxFile file,
        OutboxOptions options,
        SegmentState segment,
        long from,
        bool isLast,
        Dictionary<string, long> lastSequences,
        List<RecoveryFinding> findings,
        ScanTotals scan,
        ref long records)
    {
        using var scanner = new SegmentScanner(file, SegmentFile.HeaderLength + from, file.Length, options.MaxRecordBytes);
        var validEnd = from;
        string? previousSource = null;
        long previousSequence = 0;
        ScanStep? pendingCorruption = null;
        while (true)
        {
            var step = scanner.Next(out var header, out var frame);
            scan.Bytes += step.Length;
            switch (step.Kind)
            {
                case ScanStepKind.Record:
                    records++;
                    scan.Records++;
                    validEnd = step.Offset + step.Length - SegmentFile.HeaderLength;
                    var source = Encoding.UTF8.GetString(frame.Slice(FrameFormat.HeaderLength, header.SourceIdLength));
                    if (pendingCorruption is { } corrupt)
                    {
                        SequenceRange? gap = header.Kind == RecordKind.Value && source == previousSource && header.Sequence > previousSequence + 1
                            ? new SequenceRange(source, previousSequence + 1, header.Sequence - 1)
                            : null;
                        findings.Add(new RecoveryFinding(RecoveryFindingKind.CorruptRegionSkipped, segment.Name, segment.Base + corrupt.Offset - SegmentFile.HeaderLength, corrupt.Length, gap));
                        pendingCorruption = null;
                    }

                    if (header.Kind == RecordKind.Value)
                    {
                        Raise(lastSequences, source, header.Sequence);
                        previousSource = source;
                        previousSequence = header.Sequence;
                    }
                    else if (header.Kind == RecordKind.Gap && GapInfo.TryRead(frame[header.PayloadOffset..], out var g) && g.IsAttributed)
                    {
                        Raise(lastSequences, source, g.LastSequence);
                    }

                    break;
                case ScanStepKind.Corrupt:
                    pendingCorruption = step;
                    break;
                case ScanStepKind.TornTail when !isLast:
                    findings.Add(new RecoveryFinding(RecoveryFindingKind.CorruptRegionSkipped, segment.Name, segment.Base + step.Offset - SegmentFile.HeaderLength, step.Length));
                    return validEnd;
                case ScanStepKind.TornTail:
                case ScanStepKind.End:
                    return validEnd;
            }
        }
    }

    private static void ReportMissingSegments(CheckpointData? checkpoint, List<SegmentState> segments, List<RecoveryFinding> findings)
    {
        if (checkpoint is null || segments.Count == 0)
        {
            return;
        }

        foreach (var entry in checkpoint.Segments)
        {
            if (entry.Base > segments[0].Base && entry.Length > 0 && segments.Find(s => s.Base == entry.Base) is null)
            {
                findings.Add(new RecoveryFinding(RecoveryFindingKind.PositionsLost, SegmentFile.NameFor(entry.Base), entry.Base, entry.Length));
            }
        }
    }

    private static SegmentState CreateSegment(IOutboxDevice device, long basePosition)
    {
        var segment = new SegmentState(basePosition);
        var file = device.Open(segment.Name, create: true);
        WriteHeader(file, basePosition);
        file.SetLength(SegmentFile.HeaderLength);
        file.Flush();
        segment.Writer = file;
        return segment;
    }

    private static void WriteHeader(IOutboxFile file, long basePosition)
    {
        Span<byte> header = stackalloc byte[SegmentFile.HeaderLength];
        SegmentFile.WriteHeader(header, basePosition);
        file.Write(0, header);
    }

    private static void Raise(Dictionary<string, long> map, string key, long value)
    {
        if (!map.TryGetValue(key, out var known) || value > known)
        {
            map[key] = value;
        }
    }

    private sealed class ScanTotals
    {
        public long Bytes { get; set; }

        public long Records { get; set; }
    }
}
