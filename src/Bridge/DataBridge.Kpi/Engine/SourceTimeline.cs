using DataBridge.Kpi.Model;

namespace DataBridge.Kpi.Engine;

/// <summary>
/// What the engine knows of one source: the (sequence, source timestamp) of every record of a modelled tag, and
/// the gap records. A gap maps to the time between the neighbouring known samples of the source: nothing is known
/// there, so it is never guessed over.
/// </summary>
internal sealed class SourceTimeline(string sourceId)
{
    private ulong[] _seq = new ulong[64];
    private long[] _ticks = new long[64];
    private int _count;
    private readonly List<(ulong First, ulong Last)> _gaps = [];

    public string SourceId { get; } = sourceId;

    public void Add(ulong sequence, long ticks)
    {
        var n = _count;
        if (n == 0 || sequence > _seq[n - 1])
        {
            if (n == _seq.Length)
            {
                Array.Resize(ref _seq, n * 2);
                Array.Resize(ref _ticks, n * 2);
            }

            _seq[n] = sequence;
            _ticks[n] = ticks;
            _count = n + 1;
            return;
        }

        var pos = LowerBound(sequence);
        if (pos < n && _seq[pos] == sequence)
        {
            return;
        }

        if (n == _seq.Length)
        {
            Array.Resize(ref _seq, n * 2);
            Array.Resize(ref _ticks, n * 2);
        }

        Array.Copy(_seq, pos, _seq, pos + 1, n - pos);
        Array.Copy(_ticks, pos, _ticks, pos + 1, n - pos);
        _seq[pos] = sequence;
        _ticks[pos] = ticks;
        _count = n + 1;
    }

    public void AddGap(ulong first, ulong last) => _gaps.Add((Math.Min(first, last), Math.Max(first, last)));

    /// <summary>Appends the unknown spans of the gaps: from the last known sample before to the first known after (or <paramref name="nowTicks"/>).</summary>
    public void GetGapSpans(long nowTicks, List<TimeInterval> into)
    {
        foreach (var (first, last) in _gaps)
        {
            var before = LowerBound(first) - 1;
            var after = LowerBound(last == ulong.MaxValue ? last : last + 1);
            var start = before >= 0 ? _ticks[before] : long.MinValue;
            var end = after < _count ? _ticks[after] : nowTicks;
            if (end > start)
            {
                into.Add(new TimeInterval(start, end));
            }
        }
    }

    public void PruneBefore(long cutoff)
    {
        int lo = 0;
        while (lo < _count && _ticks[lo] < cutoff)
        {
            lo++;
        }

        // Keep one known sample before the cutoff as the left neighbour of a later gap.
        lo = Math.Max(0, lo - 1);
        if (lo > 0)
        {
            Array.Copy(_seq, lo, _seq, 0, _count - lo);
            Array.Copy(_ticks, lo, _ticks, 0, _count - lo);
            _count -= lo;
        }

        if (_count > 0)
        {
            var oldest = _seq[0];
            _gaps.RemoveAll(g => g.Last < oldest);
        }
    }

    private int LowerBound(ulong sequence)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_seq[mid] < sequence)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
