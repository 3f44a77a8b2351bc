using DataBridge.Diode.Packing;
using DataBridge.Diode.Receiving;
using DataBridge.Testing.Diode;

namespace DataBridge.Diode.Tests.Support;

/// <summary>Collects what a receiver delivers and audits it against what was sent: every (source, sequence) is delivered once or lies inside a reported gap, never both unless filled later.</summary>
internal sealed class CollectingOutput : IDiodeReceiverOutput
{
    private readonly object _gate = new();

    public Dictionary<(string Source, long Sequence), int> Delivered { get; } = [];

    public List<DiodeGap> Gaps { get; } = [];

    public int WrongContent { get; private set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return Delivered.Count;
            }
        }
    }

    public void OnRecord(in PackedRecord record)
    {
        var ok = DiodeTestRecords.IsExpected(record.SourceId, record.Sequence, record.Key, record.Value);
        lock (_gate)
        {
            if (!ok)
            {
                WrongContent++;
            }

            var key = (record.SourceId, record.Sequence);
            Delivered[key] = Delivered.GetValueOrDefault(key) + 1;
        }
    }

    public void OnGap(in DiodeGap gap)
    {
        lock (_gate)
        {
            Gaps.Add(gap);
        }
    }

    public bool InGap(string source, long sequence)
    {
        lock (_gate)
        {
            foreach (var gap in Gaps)
            {
                if (gap.SourceId == source && sequence >= gap.First && sequence <= gap.Last)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Sequences of <paramref name="sources"/> sources, <paramref name="first"/>..<paramref name="last"/>, neither delivered nor inside a gap.</summary>
    public List<string> Unaccounted(int sources, long first, long last)
    {
        var missing = new List<string>();
        lock (_gate)
        {
            for (var s = 0; s < sources; s++)
            {
                var id = DiodeTestRecords.SourceId(s);
                for (var q = first; q <= last; q++)
                {
                    if (!Delivered.ContainsKey((id, q)) && !InGap(id, q))
                    {
                        missing.Add($"{id}#{q}");
                    }
                }
            }
        }

        return missing;
    }

    /// <summary>Records delivered more than once, or delivered although a gap named them (and no resend filled it).</summary>
    public List<string> Duplicates()
    {
        lock (_gate)
        {
            var duplicates = new List<string>();
            foreach (var (key, count) in Delivered)
            {
                if (count > 1)
                {
                    duplicates.Add($"{key.Source}#{key.Sequence} x{count}");
                }
            }

            return duplicates;
        }
    }

    public long Missing(int sources, long first, long last)
    {
        long missing = 0;
        lock (_gate)
        {
            for (var s = 0; s < sources; s++)
            {
                var id = DiodeTestRecords.SourceId(s);
                for (var q = first; q <= last; q++)
                {
                    if (!Delivered.ContainsKey((id, q)))
                    {
                        missing++;
                    }
                }
            }
        }

        return missing;
    }
}
