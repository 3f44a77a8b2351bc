namespace DataBridge.Kpi.Engine;

/// <summary>
/// The samples of one tag ordered by source timestamp. Appends are O(1); a late sample is inserted in place
/// (binary search + shift), which is rare and short because the window is bounded.
/// </summary>
internal sealed class TagTimeline
{
    private long[] _ticks = new long[16];
    private double[] _values = new double[16];
    private bool[] _bad = new bool[16];
    private int _count;

    public int Count => _count;

    /// <summary>Wrap modulus inferred from the value type of a counter (0 = none).</summary>
    public double InferredWrap { get; set; }

    public long TicksAt(int i) => _ticks[i];

    public double ValueAt(int i) => _values[i];

    public bool IsBadAt(int i) => _bad[i];

    public void Insert(long ticks, double value, bool bad)
    {
        var n = _count;
        if (n == 0 || ticks > _ticks[n - 1])
        {
            EnsureCapacity();
            _ticks[n] = ticks;
            _values[n] = value;
            _bad[n] = bad;
            _count = n + 1;
            return;
        }

        // Late or duplicate: find the first sample after 'ticks'.
        var pos = UpperBound(ticks);
        for (var i = pos - 1; i >= 0 && _ticks[i] == ticks; i--)
        {
            // At-least-once delivery repeats records; an identical sample at the same instant adds nothing.
            if (_bad[i] == bad && (_values[i].Equals(value)))
            {
                return;
            }
        }

        EnsureCapacity();
        Array.Copy(_ticks, pos, _ticks, pos + 1, n - pos);
        Array.Copy(_values, pos, _values, pos + 1, n - pos);
        Array.Copy(_bad, pos, _bad, pos + 1, n - pos);
        _ticks[pos] = ticks;
        _values[pos] = value;
        _bad[pos] = bad;
        _count = n + 1;
    }

    /// <summary>Index of the last sample at or before <paramref name="ticks"/>, or -1.</summary>
    public int IndexAtOrBefore(long ticks) => UpperBound(ticks) - 1;

    /// <summary>Index of the first sample after <paramref name="ticks"/> (Count when none).</summary>
    public int UpperBound(long ticks)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ticks[mid] <= ticks)
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

    /// <summary>Drops samples before <paramref name="cutoff"/> but keeps the last one at or before it (it still gives the value at the cutoff).</summary>
    public void PruneBefore(long cutoff)
    {
        var keepFrom = IndexAtOrBefore(cutoff);
        if (keepFrom <= 0)
        {
            return;
        }

        var n = _count - keepFrom;
        Array.Copy(_ticks, keepFrom, _ticks, 0, n);
        Array.Copy(_values, keepFrom, _values, 0, n);
        Array.Copy(_bad, keepFrom, _bad, 0, n);
        _count = n;
    }

    private void EnsureCapacity()
    {
        if (_count < _ticks.Length)
        {
            return;
        }

        var size = _ticks.Length * 2;
        Array.Resize(ref _ticks, size);
        Array.Resize(ref _values, size);
        Array.Resize(ref _bad, size);
    }
}
