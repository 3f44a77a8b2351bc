using DataBridge.Kpi.Engine;
using DataBridge.Kpi.Model;

namespace DataBridge.Kpi.Tests.Engine;

public sealed class RollUpTests
{
    private const string Yaml = """
        assets:
          - path: acme/plant1/assembly/line1/cellA
            state: { tag: A/state, codes: {0: down, 1: running} }
            counters: { total: A/total, good: A/good }
            idealCycleTime: 10s
          - path: acme/plant1/assembly/line1/cellB
            state: { tag: B/state, codes: {0: down, 1: running} }
            counters: { total: B/total, good: B/good }
            idealCycleTime: 60s
        """;

    [Fact]
    public void Line_sums_times_and_counts_of_its_cells_and_recomputes_oee_instead_of_averaging()
    {
        // Window 00:00-02:00 (7200 s per cell).
        // Cell A: running all the time, PRI 10 s, PQ 648, GQ 648.
        //   A = 1, P = 10 × 648 / 7200 = 0.9, Q = 1 → OEE 0.9
        // Cell B: down 00:00-01:00, running 01:00-02:00; PRI 60 s, PQ 30, GQ 15.
        //   A = 3600 / 7200 = 0.5, P = 60 × 30 / 3600 = 0.5, Q = 0.5 → OEE 0.125
        // Averaged OEE would be (0.9 + 0.125) / 2 = 0.5125 — wrong.
        // Line: PBT = 14400, APT = 7200 + 3600 = 10800 → A = 0.75
        //   ideal time = 6480 + 1800 = 8280 → P = 8280 / 10800 = 0.766667
        //   Q = (648 + 15) / (648 + 30) = 663 / 678 = 0.977876
        //   OEE = 0.75 × 0.766667 × 0.977876 = 0.562279
        var s = new Scenario(Yaml);
        s.State("00:00", 1, "A/state");
        s.Total("00:00", 0, "A/total");
        s.Good("00:00", 0, "A/good");
        s.Total("02:00", 648, "A/total");
        s.Good("02:00", 648, "A/good");
        s.State("00:00", 0, "B/state");
        s.State("01:00", 1, "B/state");
        s.Total("00:00", 0, "B/total");
        s.Good("00:00", 0, "B/good");
        s.Total("02:00", 30, "B/total");
        s.Good("02:00", 15, "B/good");

        var snapshot = s.ComputeAt("02:00");
        var a = snapshot.Find("acme/plant1/assembly/line1/cellA", KpiWindowKind.Shift)!;
        var b = snapshot.Find("acme/plant1/assembly/line1/cellB", KpiWindowKind.Shift)!;
        var line = snapshot.Find("acme/plant1/assembly/line1", KpiWindowKind.Shift)!;

        Expect.Ratio(0.9, a.Oee, "cell A OEE");
        Expect.Ratio(0.125, b.Oee, "cell B OEE");
        Assert.Equal(AssetLevel.Line, line.Level);
        Assert.False(line.IsMeasured);
        Assert.Equal(a.Totals.PlannedBusySeconds + b.Totals.PlannedBusySeconds, line.Totals.PlannedBusySeconds, 6);
        Assert.Equal(a.Totals.TotalCount + b.Totals.TotalCount, line.Totals.TotalCount, 6);
        Expect.Ratio(0.75, line.Availability, "line availability");
        Expect.Ratio(0.7667, line.Performance, "line performance");
        Expect.Ratio(0.9779, line.Quality, "line quality");
        Expect.Ratio(0.5623, line.Oee, "line OEE");
        Assert.True(Math.Abs(line.Oee!.Value - ((a.Oee!.Value + b.Oee!.Value) / 2)) > 0.04, "the roll-up must differ from the averaged OEE here");
        Assert.Equal(MachineState.Running, line.State);

        // Every level above the line sees the same sums.
        foreach (var path in new[] { "acme/plant1/assembly", "acme/plant1", "acme" })
        {
            var up = snapshot.Find(path, KpiWindowKind.Shift)!;
            Expect.Ratio(0.5623, up.Oee, path);
        }
    }

    [Fact]
    public void Roll_up_state_is_the_most_urgent_state_of_its_cells()
    {
        var s = new Scenario(Yaml);
        s.State("00:00", 1, "A/state");
        s.State("00:00", 1, "B/state");
        s.State("01:59", 0, "B/state");

        var line = s.ComputeAt("02:00").Find("acme/plant1/assembly/line1", KpiWindowKind.Rolling)!;

        Assert.Equal(MachineState.Down, line.State);
    }
}
