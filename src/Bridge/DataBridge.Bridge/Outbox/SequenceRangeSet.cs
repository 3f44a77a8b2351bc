namespace DataBridge.Bridge.Outbox;

/// <summary>
/// Per-source sets of sequence ranges, merged when contiguous, in first-seen source order. Used for refused values
/// (drop-newest) and for the contents of a dropped segment (drop-oldest).
/// </summary>
internal sealed class SequenceRangeSet
{
    private readonly Dictionary<string, List<(long First, long Last)>> _bySource = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public bool IsEmpty => _order.Count == 0;

    public void Add(string sourceId, long first, long last)
    {
        if (!_bySource.TryGetValue(sourceId, out var ranges))
        {
            ranges = [];
            _bySource.Add(sourceId, ranges);
            _order.Add(sourceId);
        }

        if (ranges.Count > 0)
        {
            var tail = ranges[^1];
            if (first <= tail.Last + 1 && last >= tail.First - 1)
            {
                ranges[^1] = (Math.Min(tail.First, first), Math.Max(tail.Last, last));
                return;
            }
        }

        ranges.Add((first, last));
    }

    public List<SequenceRange> ToList()
    {
        var list = new List<SequenceRange>();
        foreach (var source in _order)
        {
            foreach (var (first, last) in _bySource[source])
            {
                list.Add(new SequenceRange(source, first, last));
            }
        }

        return list;
    }

    public void Clear()
    {
        _bySource.Clear();
        _order.Clear();
    }
}
