using DataBridge.Core;
using DataBridge.Kpi.Engine;

namespace DataBridge.Kpi.Tests.Engine;

/// <summary>
/// Data that begins mid-window (the KPI service, the bridge or the machine started after the shift did): the time
/// before the first value stays unknown, shown as a share of planned time; rates are taken over the planned time
/// since the first value (docs/kpi.md, "Data that starts mid-shift").
/// </summary>
public sealed class MidShiftStartTests
{
    private const string CellPath = "acme/plant1/assembly/line1/cell1";

    [Fact]
    public void One_minute_of_data_in_a_shift_from_midnight_gives_a_rate_over_that_minute_and_the_rest_as_unknown_share()
    {
        // 24/7 calendar: the shift "day" began at 00:00. The first values arrive at 10:00; now is 10:01.
        // Planned 00:00-10:01 = 36060 s; unknown = 00:00-10:00 = 36000 s → share 36000 / 36060 = 0.998336.
        // Observed planned time 60 s; PQ 27 → throughput 27 × 3600 / 60 = 1620 parts/h (not 27 / 10.02 h = 2.7/h).
        // PBT = 36060 - 36000 = 60 s = APT → A = 1; P = 2 × 27 / 60 = 0.9; Q = 1 → OEE 0.9 (ISO 22400 unchanged).
        var s = new Scenario(Scenario.Cell(2));
        s.State("10:00", 1);
        s.Total("10:00", 100);
        s.Total("10:00:30", 113);
        s.Total("10:01", 127);

        var snapshot = s.ComputeAt("10:01");
        var shift = snapshot.Find(CellPath, KpiWindowKind.Shift)!;

        Assert.Equal(Scenario.At("00:00"), shift.WindowStart);
        Assert.Equal(Scenario.At("10:00"), shift.DataFrom);
        Assert.Equal(36060, shift.Totals.PlannedSeconds, 3);
        Assert.Equal(60, shift.Totals.ObservedPlannedSeconds, 3);
        Assert.Equal(36000, shift.Totals.UnknownSeconds, 3);
        Expect.Ratio(0.998336, shift.Totals.UnknownShare, "unknown share");
        Expect.Ratio(1620, shift.Totals.ThroughputPerHour, "throughput");
        Assert.Equal(60, shift.Totals.PlannedBusySeconds, 3);
        Expect.Ratio(1, shift.Availability, "availability");
        Expect.Ratio(0.9, shift.Performance, "performance");
        Expect.Ratio(0.9, shift.Oee, "OEE");

        // The last hour 09:01-10:01: 59 of its 60 minutes are unknown, the rate is the same minute's.
        var rolling = snapshot.Find(CellPath, KpiWindowKind.Rolling)!;
        Assert.Equal(Scenario.At("10:00"), rolling.DataFrom);
        Expect.Ratio(3540.0 / 3600, rolling.Totals.UnknownShare, "rolling unknown share");
        Expect.Ratio(1620, rolling.Totals.ThroughputPerHour, "rolling throughput");
        Expect.Ratio(0.9, rolling.Oee, "rolling OEE");
    }

    [Fact]
    public void Breaks_after_the_first_value_are_outside_the_time_a_rate_is_taken_over()
    {
        // Early shift 06:00-14:00 with a break 09:00-09:15. Data from 08:50, now 09:20.
        // Observed planned time = 08:50-09:00 + 09:15-09:20 = 900 s; PQ 300 → 1200 parts/h.
        // Planned 06:00-09:20 minus the break = 11100 s; unknown 06:00-08:50 = 10200 s → share 0.918919.
        var s = new Scenario(Scenario.Cell(2, """
            calendar: early
        calendars:
          early:
            shifts:
              - { name: early, start: "06:00", end: "14:00", breaks: [ { start: "09:00", end: "09:15" } ] }
        """));
        s.State("08:50", 1);
        s.Total("08:50", 0);
        s.Total("09:20", 300);

        var shift = s.ComputeAt("09:20").Find(CellPath, KpiWindowKind.Shift)!;

        Assert.Equal("early", shift.WindowName);
        Assert.Equal(Scenario.At("08:50"), shift.DataFrom);
        Assert.Equal(900, shift.Totals.ObservedPlannedSeconds, 3);
        Expect.Ratio(1200, shift.Totals.ThroughputPerHour, "throughput");
        Assert.Equal(11100, shift.Totals.PlannedSeconds, 3);
        Assert.Equal(10200, shift.Totals.UnknownSeconds, 3);
        Expect.Ratio(10200.0 / 11100, shift.Totals.UnknownShare, "unknown share");
    }

    [Fact]
    public void A_gap_after_the_first_value_is_unknown_but_stays_in_the_time_a_rate_is_taken_over()
    {
        // Data from 01:00, gap (Bad state) 01:20-01:30, now 02:00. The counter carries the parts made during the gap
        // into its next Good value, so the rate is over all 3600 s since the first value: 1800 parts → 1800/h.
        var s = new Scenario(Scenario.Cell(2));
        s.State("01:00", 1);
        s.Total("01:00", 0);
        s.Value("cell1/state", "01:20", TagValue.Null, StatusCodes.BadCommunicationError);
        s.State("01:30", 1);
        s.Total("02:00", 1800);

        var shift = s.ComputeAt("02:00").Find(CellPath, KpiWindowKind.Shift)!;

        Assert.Equal(3600 + 600, shift.Totals.UnknownSeconds, 3);
        Assert.Equal(3600, shift.Totals.ObservedPlannedSeconds, 3);
        Expect.Ratio(1800, shift.Totals.ThroughputPerHour, "throughput");
    }

    [Fact]
    public void A_late_record_older_than_the_first_value_moves_the_data_start_back()
    {
        var s = new Scenario(Scenario.Cell(2));
        s.State("10:00", 1);
        s.Total("10:00", 0);
        Assert.Equal(Scenario.At("10:00"), s.ComputeAt("10:10").Find(CellPath, KpiWindowKind.Shift)!.DataFrom);

        s.State("09:50", 1);
        Assert.Equal(Scenario.At("09:50"), s.ComputeAt("10:10").Find(CellPath, KpiWindowKind.Shift)!.DataFrom);
    }

    [Fact]
    public void Without_any_value_there_is_no_rate_and_the_whole_window_is_unknown()
    {
        var s = new Scenario(Scenario.Cell(2));

        var shift = s.ComputeAt("03:00").Find(CellPath, KpiWindowKind.Shift)!;

        Assert.Null(shift.Totals.ThroughputPerHour);
        Assert.Null(shift.Oee);
        Assert.Equal(shift.WindowEnd, shift.DataFrom);
        Expect.Ratio(1, shift.Totals.UnknownShare, "unknown share");
    }

    [Fact]
    public void A_line_adds_its_cells_rates_and_shows_unknown_as_a_share_of_their_machine_time()
    {
        // Two cells in a 24/7 shift from 00:00; now 11:00 (39600 s planned each).
        // A: data from 10:00, 1800 parts → 1800/h over 3600 s; B: data from 10:30, 900 parts → 1800/h over 1800 s.
        // Line throughput = 3600/h (the cells produce side by side). Unknown: A 36000 s + B 37800 s = 73800 s of
        // 79200 machine-seconds → share 0.931818 (not "20.5 h").
        var s = new Scenario("""
            assets:
              - path: acme/plant1/assembly/line1/cellA
                state: { tag: A/state, codes: {0: down, 1: running} }
                counters: { total: A/total }
                idealCycleTime: 2s
              - path: acme/plant1/assembly/line1/cellB
                state: { tag: B/state, codes: {0: down, 1: running} }
                counters: { total: B/total }
                idealCycleTime: 2s
            """);
        s.State("10:00", 1, "A/state");
        s.Total("10:00", 0, "A/total");
        s.Total("11:00", 1800, "A/total");
        s.State("10:30", 1, "B/state");
        s.Total("10:30", 0, "B/total");
        s.Total("11:00", 900, "B/total");

        var line = s.ComputeAt("11:00").Find("acme/plant1/assembly/line1", KpiWindowKind.Shift)!;

        Expect.Ratio(3600, line.Totals.ThroughputPerHour, "line throughput");
        Assert.Equal(73800, line.Totals.UnknownSeconds, 3);
        Expect.Ratio(73800.0 / 79200, line.Totals.UnknownShare, "line unknown share");
        Assert.Equal(Scenario.At("10:00"), line.DataFrom);

        // OEE from the sums: PBT = 3600 + 1800 = APT; ideal time 2 × 2700 = 5400 → P = 1, A = 1.
        Expect.Ratio(1, line.Oee, "line OEE");
    }
}
