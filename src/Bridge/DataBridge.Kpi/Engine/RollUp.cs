using DataBridge.Kpi.Model;

namespace DataBridge.Kpi.Engine;

/// <summary>
/// Rolls measured assets up the ISA-95 hierarchy (cell → line → area → site → enterprise) by summing times and
/// counts and recomputing the ratios from the sums. OEE is never averaged (ISO 22400-2).
/// </summary>
internal static class RollUp
{
    public static List<KpiResult> Build(List<KpiResult> measured)
    {
        var groups = new Dictionary<(string Path, KpiWindowKind Window), List<KpiResult>>();
        var measuredPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in measured)
        {
            measuredPaths.Add(r.AssetPath);
        }

        foreach (var r in measured)
        {
            var path = r.AssetPath;
            for (var cut = path.LastIndexOf('/'); cut > 0; cut = path.LastIndexOf('/', cut - 1))
            {
                var parent = path[..cut];
                if (measuredPaths.Contains(parent))
                {
                    continue;
                }

                if (!groups.TryGetValue((parent, r.Window), out var list))
                {
                    list = [];
                    groups[(parent, r.Window)] = list;
                }

                list.Add(r);
            }

            // An enterprise (one segment) is the last level; the loop stops at cut == -1.
        }

        var all = new List<KpiResult>(measured);
        foreach (var ((path, window), children) in groups)
        {
            var totals = new KpiTotals();
            var state = MachineState.Running;
            var start = DateTime.MaxValue;
            var end = DateTime.MinValue;
            var dataFrom = DateTime.MaxValue;
            foreach (var c in children)
            {
                totals.Add(c.Totals);
                state = (MachineState)Math.Max((int)state, (int)c.State);
                start = c.WindowStart < start ? c.WindowStart : start;
                end = c.WindowEnd > end ? c.WindowEnd : end;
                dataFrom = c.DataFrom < dataFrom ? c.DataFrom : dataFrom;
            }

            all.Add(new KpiResult
            {
                AssetPath = path,
                Level = (AssetLevel)path.Split('/').Length,
                IsMeasured = false,
                Window = window,
                WindowName = children[0].WindowName,
                WindowStart = start,
                WindowEnd = end,
                DataFrom = dataFrom,
                State = state,
                Totals = totals,
                OeeTarget = totals.OeeTarget,
            });
        }

        all.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.AssetPath, b.AssetPath);
            return c != 0 ? c : a.Window.CompareTo(b.Window);
        });
        return all;
    }
}
