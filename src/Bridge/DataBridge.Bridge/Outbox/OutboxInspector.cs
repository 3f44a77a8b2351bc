using System.Text;

namespace DataBridge.Bridge.Outbox;

/// <summary>Reads an outbox directory without changing it (no recovery, no truncation) for <c>databridge outbox inspect</c>.</summary>
public static class OutboxInspector
{
    /// <summary>Scans every segment of <paramref name="directory"/>.</summary>
    /// <param name="directory">The outbox directory.</param>
    /// <param name="maxRecordBytes">Largest frame to accept (the bridge's outbox.maxRecordBytes or more).</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static OutboxInspection Inspect(string directory, int maxRecordBytes = 16 << 20)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"No outbox directory at '{directory}'. Pass the bridge's outbox.directory.");
        }

        var device = new FileSystemOutboxDevice(directory);
        var names = new List<(long Base, string Name)>();
        foreach (var name in device.ListFiles())
        {
            if (SegmentFile.TryParseName(name, out var b))
            {
                names.Add((b, name));
            }
        }

        names.Sort((a, b) => a.Base.CompareTo(b.Base));
        var segments = new List<InspectedSegment>();
        var gaps = new List<InspectedGap>();
        var sources = new Dictionary<string, SourceTally>(StringComparer.Ordinal);
        var order = new List<string>();
        long end = names.Count > 0 ? names[0].Base : 0;
        foreach (var (basePosition, name) in names)
        {
            using var file = device.Open(name, create: false);
            var length = file.Length;
            long records = 0;
            long unreadable = 0;
            if (length > SegmentFile.HeaderLength)
            {
                using var scanner = new SegmentScanner(file, SegmentFile.HeaderLength, length, maxRecordBytes);
                while (true)
                {
                    var step = scanner.Next(out var header, out var frame);
                    if (step.Kind == ScanStepKind.End)
                    {
                        break;
                    }

                    var position = basePosition + step.Offset - SegmentFile.HeaderLength;
                    if (step.Kind != ScanStepKind.Record)
                    {
                        unreadable += step.Length;
                        gaps.Add(new InspectedGap(position, string.Empty, new GapInfo(-1, -1, GapReason.Corruption, position, step.Length)));
                        continue;
                    }

                    records++;
                    end = position + step.Length;
                    var source = Encoding.UTF8.GetString(frame.Slice(FrameFormat.HeaderLength, header.SourceIdLength));
                    if (header.Kind == RecordKind.Value)
                    {
                        Tally(sources, order, source).AddValue(header.Sequence);
                    }
                    else if (header.Kind == RecordKind.Gap && GapInfo.TryRead(frame[header.PayloadOffset..], out var gap))
                    {
                        gaps.Add(new InspectedGap(position, source, gap));
                        if (gap.IsAttributed)
                        {
                            Tally(sources, order, source).AddRange(gap.FirstSequence, gap.LastSequence);
                        }
                    }
                }
            }

            segments.Add(new InspectedSegment(name, basePosition, length, records, unreadable));
        }

        var refused = new List<SequenceRange>();
        foreach (var r in OutboxState.TryLoad<RefusedData>(device, OutboxState.RefusedFile)?.Ranges ?? [])
        {
            refused.Add(new SequenceRange(r.Source, r.First, r.Last));
            Tally(sources, order, r.Source).AddRange(r.First, r.Last);
        }

        var summaries = new List<InspectedSource>();
        foreach (var s in order)
        {
            summaries.Add(sources[s].Summarise(s));
        }

        var sinks = OutboxState.TryLoad<Dictionary<string, long>>(device, OutboxState.SinksFile) ?? [];
        var checkpoint = OutboxState.TryLoad<CheckpointData>(device, OutboxState.CheckpointFile);
        return new OutboxInspection(device.Directory, segments, checkpoint?.DurablePosition, sinks, summaries, gaps, refused, end);
    }

    private static SourceTally Tally(Dictionary<string, SourceTally> sources, List<string> order, string source)
    {
        if (!sources.TryGetValue(source, out var tally))
        {
            tally = new SourceTally();
            sources.Add(source, tally);
            order.Add(source);
        }

        return tally;
    }

    /// <summary>Run-length list of covered sequence ranges (values arrive mostly in order, so it stays short).</summary>
    private sealed class SourceTally
    {
        private readonly List<(long First, long Last)> _runs = [];

        public long Values { get; private set; }

        public void AddValue(long sequence)
        {
            Values++;
            if (_runs.Count > 0 && _runs[^1].Last + 1 == sequence)
            {
                _runs[^1] = (_runs[^1].First, sequence);
                return;
            }

            _runs.Add((sequence, sequence));
        }

        public void AddRange(long first, long last) => _runs.Add((first, last));

        public InspectedSource Summarise(string source)
        {
            _runs.Sort((a, b) => a.First.CompareTo(b.First));
            var holes = new List<SequenceRange>();
            var covered = _runs[0].Last;
            foreach (var (first, last) in _runs)
            {
                if (first > covered + 1)
                {
                    holes.Add(new SequenceRange(source, covered + 1, first - 1));
                }

                covered = Math.Max(covered, last);
            }

            return new InspectedSource(source, Values, _runs[0].First, covered, holes);
        }
    }
}
