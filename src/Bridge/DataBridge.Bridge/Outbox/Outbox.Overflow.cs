using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Outbox;

/// <summary>The disk budget: drop-newest refusals and drop-oldest segment deletion, both ending in gap records.</summary>
public sealed partial class Outbox
{
    private readonly SemaphoreSlim _maintenance = new(1, 1);

    private AppendResult RefuseLocked(RecordKind kind, string sourceId, long sequence, ReadOnlySpan<byte> payload)
    {
        _rejected++;
        if (kind == RecordKind.Value)
        {
            _refused.Add(sourceId, sequence, sequence);
        }
        else if (kind == RecordKind.Gap && GapInfo.TryRead(payload, out var gap) && gap.IsAttributed)
        {
            // A refused gap record must not vanish: its range joins the refused set and reappears in the
            // drop-newest gap record (the union of both reasons is still exact about what is missing).
            _refused.Add(sourceId, gap.FirstSequence, gap.LastSequence);
        }
        else
        {
            _logger.LogWarning("Outbox full (drop-newest): refused a {Kind} record of source {Source}", kind, sourceId);
            return new AppendResult(AppendStatus.Rejected, _end, _end);
        }

        _refusedDirty = true;
        NoteSequenceLocked(kind, sourceId, sequence, payload);
        WakeCommitterLocked();
        return new AppendResult(AppendStatus.Rejected, _end, _end);
    }

    private long RefusedGapBytesLocked()
    {
        long bytes = 0;
        foreach (var r in _refused.ToList())
        {
            bytes += FrameFormat.FrameLength(System.Text.Encoding.UTF8.GetByteCount(r.SourceId), GapInfo.EncodedLength);
        }

        return bytes;
    }

    /// <summary>Writes one gap record per refused range (drop-newest) and forgets the ranges.</summary>
    private void WriteRefusedGapsLocked()
    {
        var ranges = _refused.ToList();
        foreach (var r in ranges)
        {
            AppendGapLocked(r, GapReason.OverflowDropNewest);
        }

        _refused.Clear();
        _refusedDirty = true;
        _logger.LogWarning("Outbox wrote {Count} gap records for values refused while the disk budget was full", ranges.Count);
    }

    private void AppendGapLocked(SequenceRange range, GapReason reason)
    {
        Span<byte> payload = stackalloc byte[GapInfo.EncodedLength];
        new GapInfo(range.First, range.Last, reason).Write(payload);
        AppendFrameLocked(RecordKind.Gap, range.SourceId, System.Text.Encoding.UTF8.GetByteCount(range.SourceId), range.First, payload);
        _gapsWritten++;
    }

    /// <summary>
    /// Drop-oldest: summarises the unread part of the oldest segment per source, writes and fsyncs those gap records,
    /// and only then deletes the segment (a crash in between leaves the data and a redundant gap, never a silent hole).
    /// </summary>
    private async ValueTask DropOldestSegmentAsync(int neededBytes, CancellationToken cancellationToken)
    {
        await _maintenance.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SegmentState oldest;
            long from;
            lock (_gate)
            {
                ThrowIfUnusable();
                if (HasRoomLocked(neededBytes))
                {
                    return;
                }

                oldest = _segments[0];
                if (!oldest.Sealed)
                {
                    throw new OutboxException($"The outbox budget ({_options.MaxDiskBytes} bytes) cannot hold one more record even after dropping every old segment. Raise outbox.maxDiskBytes.");
                }

                from = Math.Max(oldest.Base, MinSinkPositionLocked() ?? oldest.Base);
            }

            // Every byte of a sealed segment is appended already; make it durable before reading it back.
            if (DurablePosition < oldest.End)
            {
                await CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            var lost = new SequenceRangeSet();
            var unreadable = new List<(long Position, long Bytes)>();
            var lostRecords = from < oldest.End ? SummariseSegment(oldest, from, lost, unreadable) : 0;
            var ranges = lost.ToList();
            lock (_gate)
            {
                foreach (var r in ranges)
                {
                    AppendGapLocked(r, GapReason.OverflowDropOldest);
                }

                // Unreadable bytes in the dropped part would have reached readers as a gap; they still must.
                Span<byte> payload = stackalloc byte[GapInfo.EncodedLength];
                foreach (var (position, bytes) in unreadable)
                {
                    new GapInfo(-1, -1, GapReason.Corruption, position, bytes).Write(payload);
                    AppendFrameLocked(RecordKind.Gap, string.Empty, 0, -1, payload);
                    _gapsWritten++;
                }
            }

            await CommitAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _segments.RemoveAt(0);
                _used -= oldest.FileBytes;
                _first = _segments[0].Base;
                _droppedSegments++;
                _droppedRecords += lostRecords;
                _checkpointDirty = true;
            }

            _device.Delete(oldest.Name);
            _device.FlushDirectory();
            _logger.LogWarning(
                "Outbox full (drop-oldest): deleted segment {Segment} with {Records} unread records; gap records written for {Ranges}",
                oldest.Name,
                lostRecords,
                string.Join(", ", ranges));
        }
        catch (IOException ex)
        {
            throw new OutboxException($"Dropping the oldest outbox segment failed ({ex.Message}). Check the disk.", ex);
        }
        finally
        {
            _maintenance.Release();
        }
    }

    /// <summary>Collects the sequence ranges (values and earlier gaps) of a segment from <paramref name="from"/> on; returns the records counted.</summary>
    private long SummariseSegment(SegmentState segment, long from, SequenceRangeSet into, List<(long Position, long Bytes)> unreadable)
    {
        long records = 0;
        using var file = _device.Open(segment.Name, create: false);
        using var scanner = new SegmentScanner(file, SegmentFile.HeaderLength + (from - segment.Base), segment.FileBytes, _options.MaxRecordBytes);
        while (true)
        {
            var step = scanner.Next(out var header, out var frame);
            if (step.Kind == ScanStepKind.End)
            {
                return records;
            }

            if (step.Kind != ScanStepKind.Record)
            {
                unreadable.Add((segment.Base + step.Offset - SegmentFile.HeaderLength, step.Length));
                continue;
            }

            records++;
            var source = System.Text.Encoding.UTF8.GetString(frame.Slice(FrameFormat.HeaderLength, header.SourceIdLength));
            if (header.Kind == RecordKind.Value)
            {
                into.Add(source, header.Sequence, header.Sequence);
            }
            else if (header.Kind == RecordKind.Gap && GapInfo.TryRead(frame[header.PayloadOffset..], out var gap) && gap.IsAttributed)
            {
                into.Add(source, gap.FirstSequence, gap.LastSequence);
            }
        }
    }
}
