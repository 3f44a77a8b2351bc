namespace DataBridge.Kpi.Model;

/// <summary>Set operations on sorted lists of <see cref="TimeInterval"/>.</summary>
internal static class Intervals
{
    /// <summary>Merges overlapping or touching intervals of a list sorted by start.</summary>
    public static List<TimeInterval> Merge(List<TimeInterval> sorted)
    {
        var result = new List<TimeInterval>(sorted.Count);
        foreach (var i in sorted)
        {
            if (i.End <= i.Start)
            {
                continue;
            }

            if (result.Count > 0 && i.Start <= result[^1].End)
            {
                var last = result[^1];
                result[^1] = new TimeInterval(last.Start, Math.Max(last.End, i.End));
            }
            else
            {
                result.Add(i);
            }
        }

        return result;
    }

    /// <summary>Removes <paramref name="cut"/> from <paramref name="from"/>; both merged and sorted.</summary>
    public static List<TimeInterval> Subtract(List<TimeInterval> from, List<TimeInterval> cut)
    {
        var result = new List<TimeInterval>(from.Count);
        var j = 0;
        foreach (var f in from)
        {
            var start = f.Start;
            while (j < cut.Count && cut[j].End <= start)
            {
                j++;
            }

            var k = j;
            while (k < cut.Count && cut[k].Start < f.End)
            {
                if (cut[k].Start > start)
                {
                    result.Add(new TimeInterval(start, cut[k].Start));
                }

                start = Math.Max(start, cut[k].End);
                k++;
            }

            if (start < f.End)
            {
                result.Add(new TimeInterval(start, f.End));
            }
        }

        return result;
    }
}
