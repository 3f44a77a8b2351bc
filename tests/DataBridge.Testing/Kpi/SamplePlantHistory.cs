using DataBridge.Core;
using DataBridge.Schemas;

namespace DataBridge.Testing.Kpi;

/// <summary>
/// A deterministic shift history for the assets of samples/kpi/kpi.yaml, as the edge bridge would have sent it:
/// runs, micro-stops, breakdowns with reasons, an idle and a blocked spell, scrap, counters sampled every 30 s.
/// </summary>
public static class SamplePlantHistory
{
    public const string Press = "acme/plant7/press/line2/press07";
    public const string Deburr = "acme/plant7/press/line2/deburr08";
    public const string Assembly = "acme/plant9/assembly/line1";

    private static readonly (int Minutes, int Code, int Reason)[] PressScript =
    [
        (28, 1, 0), (1, 0, 2), (35, 1, 0), (14, 3, 3), (40, 1, 0), (6, 2, 4), (22, 1, 0), (9, 0, 1), (30, 1, 0), (2, 6, 0),
    ];

    private static readonly (int Minutes, bool Running, bool Fault, bool Blocked)[] DeburrScript =
    [
        (45, true, false, false), (8, false, false, true), (30, true, false, false), (1, false, true, false), (50, true, false, false), (17, false, true, false),
    ];

    private static readonly (int Minutes, int Code)[] AssemblyScript = [(70, 1), (25, 0), (55, 1), (10, 2)];

    /// <summary>Records from <paramref name="from"/> to <paramref name="to"/> (source timestamps), per-source sequences from 1.</summary>
    public static List<TagValueRecord> Generate(DateTime from, DateTime to)
    {
        var records = new List<TagValueRecord>();
        var seq = new Dictionary<string, long>(StringComparer.Ordinal);
        void Add(string source, string asset, string name, TagValue value, DateTime at)
        {
            var s = seq.GetValueOrDefault(source) + 1;
            seq[source] = s;
            records.Add(new TagValueRecord(source, s, asset + "/" + name, asset, value, new StatusCode(StatusCodes.Good), at, at, at));
        }

        // Press 07: state code + reason, 16-bit counters (PRI 4 s, runs at 92 % of ideal, 3 % scrap).
        double total = 65000, good = 65000, scrapDebt = 0;
        var t = from;
        var i = 0;
        var lastCount = from;
        Add("press07", Press, "state", TagValue.FromUInt16(1), t);
        while (t < to)
        {
            var (minutes, code, reason) = PressScript[i++ % PressScript.Length];
            Add("press07", Press, "state", TagValue.FromUInt16((ushort)code), t);
            Add("press07", Press, "reason", TagValue.FromUInt16((ushort)reason), t);
            var end = t.AddMinutes(minutes);
            for (var c = t; c < end && c < to; c = c.AddSeconds(30))
            {
                if (code == 1)
                {
                    var made = 30 / 4.0 * 0.92;
                    total += made;
                    scrapDebt += made * 0.03;
                    var scrap = Math.Floor(scrapDebt);
                    scrapDebt -= scrap;
                    good += made - scrap;
                }

                if (c > lastCount)
                {
                    Add("press07", Press, "parts_total", TagValue.FromUInt16((ushort)((long)total % 65536)), c);
                    Add("press07", Press, "parts_good", TagValue.FromUInt16((ushort)((long)good % 65536)), c);
                    lastCount = c;
                }
            }

            t = end;
        }

        // Deburr 08: booleans, PRI 3.5 s at 85 %.
        t = from;
        i = 0;
        double deburred = 0;
        while (t < to)
        {
            var (minutes, running, fault, blocked) = DeburrScript[i++ % DeburrScript.Length];
            Add("deburr08", Deburr, "running", TagValue.FromBoolean(running), t);
            Add("deburr08", Deburr, "fault", TagValue.FromBoolean(fault), t);
            Add("deburr08", Deburr, "blocked", TagValue.FromBoolean(blocked), t);
            var end = t.AddMinutes(minutes);
            for (var c = t; c < end && c < to; c = c.AddSeconds(30))
            {
                deburred += running ? 30 / 3.5 * 0.85 : 0;
                Add("deburr08", Deburr, "parts_total", TagValue.FromUInt32((uint)deburred), c);
            }

            t = end;
        }

        // Assembly line 1 (plant 9): PRI 45 s at 80 %, 2 % scrap.
        t = from;
        i = 0;
        double units = 0, unitsGood = 0;
        while (t < to)
        {
            var (minutes, code) = AssemblyScript[i++ % AssemblyScript.Length];
            Add("line1-plc", Assembly, "state", TagValue.FromInt32(code), t);
            var end = t.AddMinutes(minutes);
            for (var c = t; c < end && c < to; c = c.AddMinutes(1))
            {
                if (code == 1)
                {
                    units += 60 / 45.0 * 0.8;
                    unitsGood += 60 / 45.0 * 0.8 * 0.98;
                }

                Add("line1-plc", Assembly, "units_total", TagValue.FromInt32((int)units), c);
                Add("line1-plc", Assembly, "units_good", TagValue.FromInt32((int)unitsGood), c);
            }

            t = end;
        }

        return records;
    }
}
