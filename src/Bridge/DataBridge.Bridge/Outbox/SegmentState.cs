namespace DataBridge.Bridge.Outbox;

/// <summary>The outbox's in-memory view of one segment file. Mutated only under the outbox lock (writer handle: committer).</summary>
internal sealed class SegmentState(long basePosition)
{
    public long Base { get; } = basePosition;

    public string Name { get; } = SegmentFile.NameFor(basePosition);

    /// <summary>Data bytes appended (header excluded, pending writes included).</summary>
    public long Length { get; set; }

    public long Records { get; set; }

    /// <summary>Recovery only: data bytes up to the end of the last valid frame (less than <see cref="Length"/> when the tail is torn).</summary>
    public long ValidLength { get; set; }

    /// <summary>No more appends go here; the next segment starts at <see cref="End"/>.</summary>
    public bool Sealed { get; set; }

    /// <summary>Open write handle while active, or sealed but not yet fully flushed.</summary>
    public IOutboxFile? Writer { get; set; }

    /// <summary>Created since the last directory fsync.</summary>
    public bool NeedsDirectoryFlush { get; set; }

    public long End => Base + Length;

    public long FileBytes => SegmentFile.HeaderLength + Length;
}
