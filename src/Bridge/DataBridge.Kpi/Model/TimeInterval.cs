namespace DataBridge.Kpi.Model;

/// <summary>A half-open UTC interval [Start, End) in ticks.</summary>
/// <param name="Start">Inclusive start, UTC ticks.</param>
/// <param name="End">Exclusive end, UTC ticks.</param>
public readonly record struct TimeInterval(long Start, long End)
{
    /// <summary>Length in ticks (0 when empty).</summary>
    public long Length => End > Start ? End - Start : 0;

    /// <summary>Length of the overlap with [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public long Overlap(long start, long end)
    {
        var s = Math.Max(Start, start);
        var e = Math.Min(End, end);
        return e > s ? e - s : 0;
    }
}
