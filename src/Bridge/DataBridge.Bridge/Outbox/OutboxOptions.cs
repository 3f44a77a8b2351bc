namespace DataBridge.Bridge.Outbox;

/// <summary>Where the outbox lives, how big it may grow and how often it fsyncs.</summary>
public sealed class OutboxOptions
{
    /// <summary>Directory of the segment files (created if missing). Ignored when <see cref="Device"/> is set.</summary>
    public string Directory { get; set; } = "outbox";

    /// <summary>Storage override (fault-injecting devices in tests); null uses <see cref="FileSystemOutboxDevice"/> on <see cref="Directory"/>.</summary>
    public IOutboxDevice? Device { get; set; }

    /// <summary>Size of one segment file, header included. Default 64 MiB.</summary>
    public long SegmentBytes { get; set; } = 64L << 20;

    /// <summary>Disk budget for all segments together; at least two segments. Default 1 GiB.</summary>
    public long MaxDiskBytes { get; set; } = 1L << 30;

    /// <summary>What happens when <see cref="MaxDiskBytes"/> is reached.</summary>
    public OverflowPolicy Overflow { get; set; } = OverflowPolicy.DropOldest;

    /// <summary>Group commit: the longest a record waits for its fsync once appended. Default 10 ms; zero fsyncs as soon as the committer wakes.</summary>
    public TimeSpan MaxCommitInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Group commit: when someone awaits <see cref="Outbox.WaitForCommitAsync"/>, start the fsync round at once instead of
    /// at the end of <see cref="MaxCommitInterval"/>. Records appended while a round's fsync runs form the next round, so
    /// concurrent producers still share fsyncs, and the acknowledgement latency is one fsync rather than interval + fsync.
    /// Set false to fsync only on the interval or byte threshold (fewer fsyncs on flash that wears). Default true.
    /// </summary>
    public bool CommitWhenAwaited { get; set; } = true;

    /// <summary>Group commit: pending bytes that trigger an fsync before the interval ends. Default 1 MiB.</summary>
    public int MaxCommitBytes { get; set; } = 1 << 20;

    /// <summary>Largest frame (header, source id and payload). Default 1 MiB.</summary>
    public int MaxRecordBytes { get; set; } = 1 << 20;

    /// <summary>Sinks registered at open (each gets a committed read position; segments are kept until all have passed them).</summary>
    public IList<string> Sinks { get; } = new List<string>();

    /// <summary>Throws an <see cref="OutboxException"/> naming every invalid setting at once.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (Device is null && string.IsNullOrWhiteSpace(Directory))
        {
            problems.Add("outbox.directory must name a directory");
        }

        if (SegmentBytes < 4096)
        {
            problems.Add($"outbox.segmentBytes is {SegmentBytes}; use at least 4096");
        }

        if (MaxRecordBytes < FrameFormat.HeaderLength + 64 || MaxRecordBytes > SegmentBytes - SegmentFile.HeaderLength)
        {
            problems.Add($"outbox.maxRecordBytes is {MaxRecordBytes}; use between {FrameFormat.HeaderLength + 64} and segmentBytes - {SegmentFile.HeaderLength}");
        }

        if (MaxDiskBytes < 2 * SegmentBytes)
        {
            problems.Add($"outbox.maxDiskBytes is {MaxDiskBytes}; use at least two segments ({2 * SegmentBytes}) so the oldest can be dropped while the newest is written");
        }

        if (MaxCommitInterval < TimeSpan.Zero || MaxCommitInterval > TimeSpan.FromSeconds(10))
        {
            problems.Add($"outbox.maxCommitInterval is {MaxCommitInterval}; use 0 to 10 s");
        }

        if (MaxCommitBytes < 1)
        {
            problems.Add("outbox.maxCommitBytes must be positive");
        }

        foreach (var sink in Sinks)
        {
            if (string.IsNullOrWhiteSpace(sink))
            {
                problems.Add("outbox.sinks contains an empty sink name");
            }
        }

        if (problems.Count > 0)
        {
            throw new OutboxException("Invalid outbox options: " + string.Join("; ", problems) + ".");
        }
    }
}
