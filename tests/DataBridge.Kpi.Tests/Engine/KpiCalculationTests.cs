using DataBridge.Core;
using DataBridge.Kpi.Engine;

namespace DataBridge.Kpi.Tests.Engine;

/// <summary>
/// ISO 22400-2 KPIs against hand-computed cases. Each test writes the hand computation as comments; the
/// engine must agree to 4 decimals.
/// </summary>
public sealed class KpiCalculationTests
{
    private const string CellPath = "acme/plant1/assembly/line1/cell1";

    [Fact]
    public void Shift_with_a_breakdown_a_break_and_scrap_gives_hand_computed_oee()
    {
        // Calendar: Mon-Fri 06:00-14:00 with a break 10:00-10:30 → planned time 7.5 h = 27000 s.
        // State: running 06:00, down (reason 1 = Jam) 08:00-08:45, planned-stop during the break, running until 14:00.
        // Downtime = 45 min = 2700 s (one episode, longest 2700 s). PBT = 27000. APT = 27000 - 2700 = 24300.
        // A = 24300 / 27000 = 0.9
        // Counters: total 0 → 720, good 0 → 684 (36 scrapped). PRI = 30 s.
        // P = 30 × 720 / 24300 = 21600 / 24300 = 0.888889
        // Q = 684 / 720 = 0.95
        // OEE = 0.9 × 0.888889 × 0.95 = 0.76
        var yaml = """
            calendars:
              day:
                shifts:
                  - name: early
                    days: mon-fri
                    start: "06:00"
                    end: "14:00"
                    breaks:
                      - { start: "10:00", end: "10:30" }
            assets:
              - path: acme/plant1/assembly/line1/cell1
                calendar: day
                state:
                  tag: cell1/state
                  codes: {0: down, 1: running, 4: planned-stop}
                reason:
                  tag: cell1/reason
                  codes: {1: Jam}
                counters:
                  total: cell1/total
                  good: cell1/good
                idealCycleTime: 30s
            """;
        var s = new Scenario(yaml);
        s.State("06:00", 1);
        s.Total("06:00", 0);
        s.Good("06:00", 0);
        s.Reason("08:00", 1);
        s.State("08:00", 0);
        s.State("08:45", 1);
        s.Reason("08:45", 0);
        s.Total("09:00", 200);
        s.Good("09:00", 190);
        s.State("10:00", 4);
        s.State("10:30", 1);
        s.Total("12:00", 500);
        s.Good("12:00", 480);
        s.Total("14:00", 720);
        s.Good("14:00", 684);

        var shift = s.ComputeAt("14:00").Find(CellPath, KpiWindowKind.Shift)!;

        Assert.Equal("early", shift.WindowName);
        Assert.Equal(27000, shift.Totals.PlannedBusySeconds, 3);
        Assert.Equal(24300, shift.Totals.ActualProductionSeconds, 3);
        Assert.Equal(2700, shift.Totals.DowntimeSeconds, 3);
        Assert.Equal(1, shift.Totals.DowntimeCount);
        Assert.Equal(2700, shift.Totals.LongestDowntimeSeconds, 3);
        Assert.Equal(2700, shift.Totals.DowntimeByReason["Jam"], 3);
        Assert.Equal(2700, shift.Totals.BreakdownSeconds, 3);
        Assert.Equal(0, shift.Totals.PlannedStopSeconds, 3);
        Expect.Ratio(0.9, shift.Availability, "availability");
        Expect.Ratio(0.8889, shift.Performance, "performance");
        Expect.Ratio(0.95, shift.Quality, "quality");
        Expect.Ratio(0.76, shift.Oee, "OEE");
    }

    [Fact]
    public void Planned_stop_state_is_outside_planned_busy_time()
    {
        // 24/7 calendar; now 02:00 → shift window 00:00-02:00 = 7200 s.
        // running 00:00, planned-stop (meeting) 00:30-00:50 = 1200 s, running until 02:00.
        // PBT = 7200 - 1200 = 6000, APT = 6000 → A = 1.
        // total 0 → 180, PRI 30 s: P = 30 × 180 / 6000 = 5400 / 6000 = 0.9. Q = 1 (no good counter).
        // OEE = 1 × 0.9 × 1 = 0.9
        var s = new Scenario(Scenario.Cell(30));
        s.State("00:00", 1);
        s.Total("00:00", 0);
        s.State("00:30", 4);
        s.State("00:50", 1);
        s.Total("02:00", 180);

        var shift = s.ComputeAt("02:00").Find(CellPath, KpiWindowKind.Shift)!;

        Assert.Equal(1200, shift.Totals.PlannedStopSeconds, 3);
        Assert.Equal(6000, shift.Totals.PlannedBusySeconds, 3);
        Expect.Ratio(1, shift.Availability, "availability");
        Expect.Ratio(0.9, shift.Performance, "performance");
        Expect.Ratio(1, shift.Quality, "quality");
        Expect.Ratio(0.9, shift.Oee, "OEE");
    }

    [Fact]
    public void Counter_reset_counts_again_from_zero()
    {
        // Running 00:00-02:00 (7200 s, A = 1). PRI 40 s.
        // total: 500 @00:00, 560 @01:00 (+60), 4 @01:00:10 (PLC restart: a reset, +4 counted from 0), 100 @02:00 (+96).
        // PQ = 60 + 4 + 96 = 160. P = 40 × 160 / 7200 = 6400 / 7200 = 0.888889. Q = 1. OEE = 0.888889
        var s = new Scenario(Scenario.Cell(40));
        s.State("00:00", 1);
        s.Total("00:00", 500);
        s.Total("01:00", 560);
        s.Total("01:00:10", 4);
        s.Total("02:00", 100);

        var shift = s.ComputeAt("02:00").Find(CellPath, KpiWindowKind.Shift)!;

        Assert.Equal(160, shift.Totals.TotalCount, 6);
        Expect.Ratio(1, shift.Availability, "availability");
        Expect.Ratio(0.8889, shift.Performance, "performance");
        Expect.Ratio(0.8889, shift.Oee, "OEE");
    }

    [Fact]
    public void Sixteen_bit_counter_wrap_is_counted_across_the_wrap()
    {
        // Running 00:00-02:00 (A = 1). PRI 20 s. A UInt16 register wraps at 65536.
        // 65400 @00:00, 65500 @01:00 (+100), 30 @01:20 (wrap: 65536 - 65500 + 30 = 66, plausible: ≤ 2 × 1200/20 + 10 = 130),
        // 150 @02:00 (+120). PQ = 100 + 66 + 120 = 286.
        // P = 20 × 286 / 7200 = 5720 / 7200 = 0.794444. OEE = 0.794444
        var s = new Scenario(Scenario.Cell(20));
        s.State("00:00", 1);
        s.Value("cell1/total", "00:00", TagValue.FromUInt16(65400));
        s.Value("cell1/total", "01:00", TagValue.FromUInt16(65500));
        s.Value("cell1/total", "01:20", TagValue.FromUInt16(30));
        s.Value("cell1/total", "02:00", TagValue.FromUInt16(150));

        var shift = s.ComputeAt("02:00").Find(CellPath, KpiWindowKind.Shift)!;

        Assert.Equal(286, shift.Totals.TotalCount, 6);
        Expect.Ratio(0.7944, shift.Performance, "performance");
        Expect.Ratio(0.7944, shift.Oee, "OEE");
    }

    [Fact]
    public void Out_of_order_records_are_placed_by_source_timestamp()
    {
        // Arrival order differs from source order. By source time: running 00:00, down 00:40, running 01:10;
        // total 0 @00:00, 90 @01:00, 200 @02:00.
        // Down 30 min = 1800 s. PBT 7200, APT 5400 → A = 0.75.
        // PRI 24 s: P = 24 × 200 / 5400 = 4800 / 5400 = 0.888889. Q = 1.
        // OEE = 0.75 × 0.888889 = 0.666667
        // (Taken in arrival order the counter would look like 200 → 0 → 90: a reset and a wrong PQ of 90.)
        var s = new Scenario(Scenario.Cell(24));
        s.State("01:10", 1);
        s.Total("02:00", 200);
        s.State("00:00", 1);
        s.Total("00:00", 0);
        s.State("00:40", 0);
        s.Total("01:00", 90);

        var shift = s.ComputeAt("02:00").Find(CellPath, KpiWindowKind.Shift)!;

        Assert.Equal(200, shift.Totals.TotalCount, 6);
        Assert.Equal(1800, shift.Totals.DowntimeSeconds, 3);
        Expect.Ratio(0.75, shift.Availability, "availability");
        Expect.Ratio(0.8889, shift.Performance, "performance");
        Expect.Ratio(0.6667, shift.Oee, "OEE");
    }

    [Fact]
    public void Bad_quality_time_is_unknown_not_production_nor_downtime()
    {
        // running 00:00; Bad (BadCommunicationError) sample 00:30; Good running again 00:50; down 01:30-01:40; running to 02:00.
        // Unknown = 00:30-00:50 = 1200 s (neither APT nor downtime). PBT = 7200 - 1200 = 6000.
        // Downtime 600 s (> 120 s micro-stop threshold). APT = 6000 - 600 = 5400 → A = 0.9.
        // total 0 → 150, PRI 32 s: P = 32 × 150 / 5400 = 4800 / 5400 = 0.888889. Q = 1.
        // OEE = 0.9 × 0.888889 = 0.8
        var s = new Scenario(Scenario.Cell(32));
        s.State("00:00", 1);
        s.Total("00:00", 0);
        s.Value("cell1/state", "00:30", TagValue.Null, StatusCodes.BadCommunicationError);
        s.State("00:50", 1);
        s.State("01:30", 0);
        s.State("01:40", 1);
        s.Total("02:00", 150);

        var shift = s.ComputeAt("02:00").Find(CellPath, KpiWindowKind.Shift)!;

        Assert.Equal(1200, shift.Totals.UnknownSeconds, 3);
        Assert.Equal(6000, shift.Totals.PlannedBusySeconds, 3);
        Assert.Equal(600, shift.Totals.DowntimeSeconds, 3);
        Expect.Ratio(0.9, shift.Availability, "availability");
        Expect.Ratio(0.8889, shift.Performance, "performance");
        Expect.Ratio(0.8, shift.Oee, "OEE");
    }

    [Fact]
    public void Gap_is_unknown_between_the_neighbouring_known_samples_of_its_source()
    {
        // Source plc1, sequence numbers 1.. . running from 00:00 (seq 1). Known samples: seq 4 @00:20 and seq 10 @00:35.
        // Gap record plc1 5..9 → unknown from 00:20 to 00:35 = 900 s, even though the state samples say running.
        // PBT = 7200 - 900 = 6300, APT = 6300 → A = 1.
        // total 0 → 180, PRI 30 s: P = 30 × 180 / 6300 = 5400 / 6300 = 0.857143. Q = 1. OEE = 0.857143
        var s = new Scenario(Scenario.Cell(30));
        s.Value("cell1/state", "00:00", TagValue.FromInt32(1), sequence: 1);
        s.Value("cell1/total", "00:00", TagValue.FromInt32(0), sequence: 2);
        s.Value("cell1/total", "00:10", TagValue.FromInt32(20), sequence: 3);
        s.Value("cell1/total", "00:20", TagValue.FromInt32(40), sequence: 4);
        s.Value("cell1/total", "00:35", TagValue.FromInt32(70), sequence: 10);
        s.Value("cell1/total", "02:00", TagValue.FromInt32(180), sequence: 11);
        s.Engine.IngestGap(new KpiGap("plc1", 5, 9));

        var shift = s.ComputeAt("02:00").Find(CellPath, KpiWindowKind.Shift)!;

        Assert.Equal(900, shift.Totals.UnknownSeconds, 3);
        Assert.Equal(6300, shift.Totals.PlannedBusySeconds, 3);
        Expect.Ratio(1, shift.Availability, "availability");
        Expect.Ratio(0.8571, shift.Performance, "performance");
        Expect.Ratio(0.8571, shift.Oee, "OEE");
    }

    [Fact]
    public void Short_stops_are_micro_stops_kept_in_production_time()
    {
        // running 00:00; down 00:10-00:11 (60 s ≤ 120 s threshold: a micro-stop, a performance loss); running to 02:00.
        // APT = 7200 (micro-stop time stays in APT), downtime 0 → A = 1.
        // total 0 → 216, PRI 30 s: P = 30 × 216 / 7200 = 6480 / 7200 = 0.9. OEE = 0.9
        var s = new Scenario(Scenario.Cell(30));
        s.State("00:00", 1);
        s.Total("00:00", 0);
        s.State("00:10", 0);
        s.State("00:11", 1);
        s.Total("02:00", 216);

        var shift = s.ComputeAt("02:00").Find(CellPath, KpiWindowKind.Shift)!;

        Assert.Equal(1, shift.Totals.MicroStopCount);
        Assert.Equal(60, shift.Totals.MicroStopSeconds, 3);
        Assert.Equal(0, shift.Totals.DowntimeCount);
        Expect.Ratio(1, shift.Availability, "availability");
        Expect.Ratio(0.9, shift.Oee, "OEE");
    }

    [Fact]
    public void Rolling_window_covers_only_the_last_hour()
    {
        // Rolling window 60 min at 02:00 → 01:00-02:00. Down 00:20-00:50 lies before it; down 01:30-01:45 (900 s) inside.
        // A = (3600 - 900) / 3600 = 0.75. total 100 @01:00 → 190 @02:00 = 90 parts, PRI 20: P = 1800 / 2700 = 0.666667.
        // OEE = 0.75 × 0.666667 = 0.5
        var s = new Scenario(Scenario.Cell(20));
        s.State("00:00", 1);
        s.State("00:20", 0);
        s.State("00:50", 1);
        s.Total("00:00", 0);
        s.Total("01:00", 100);
        s.State("01:30", 0);
        s.State("01:45", 1);
        s.Total("02:00", 190);

        var rolling = s.ComputeAt("02:00").Find(CellPath, KpiWindowKind.Rolling)!;

        Assert.Equal("60m", rolling.WindowName);
        Assert.Equal(900, rolling.Totals.DowntimeSeconds, 3);
        Expect.Ratio(0.75, rolling.Availability, "availability");
        Expect.Ratio(0.6667, rolling.Performance, "performance");
        Expect.Ratio(0.5, rolling.Oee, "OEE");
    }

    [Fact]
    public void Time_before_the_first_state_sample_is_unknown()
    {
        // The service started at 01:00: nothing is known about 00:00-01:00, so it is not guessed as running or down.
        var s = new Scenario(Scenario.Cell(30));
        s.State("01:00", 1);
        s.Total("01:00", 0);
        s.Total("02:00", 100);

        var shift = s.ComputeAt("02:00").Find(CellPath, KpiWindowKind.Shift)!;

        Assert.Equal(3600, shift.Totals.UnknownSeconds, 3);
        Expect.Ratio(1, shift.Availability, "availability");
    }
}
