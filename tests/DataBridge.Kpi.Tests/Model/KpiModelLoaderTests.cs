using DataBridge.Kpi.Model;
using DataBridge.Kpi.Model.Yaml;
using DataBridge.Testing.Support;

namespace DataBridge.Kpi.Tests.Model;

public sealed class KpiModelLoaderTests
{
    private static KpiModelException Fails(string yaml) =>
        Assert.Throws<KpiModelException>(() => KpiModelLoader.Parse(yaml, "kpi.yaml"));

    [Fact]
    public void Sample_model_loads()
    {
        var model = KpiModelLoader.Load(RepoPaths.Combine("samples", "kpi", "kpi.yaml"));

        Assert.NotEmpty(model.Assets);
        Assert.Equal(TimeSpan.FromMinutes(60), model.RollingWindow);
        var press = model.Assets[0];
        Assert.Equal(AssetLevel.Cell, press.Level);
        Assert.Equal("two-shift", press.Calendar.Name);
        Assert.Equal(MachineState.PlannedStop, press.State.Codes[4]);
    }

    [Fact]
    public void Unknown_state_name_is_reported_with_file_line_and_column()
    {
        var ex = Fails("""
            assets:
              - path: acme/p/a/l1/c1
                state:
                  tag: s
                  codes: {0: down, 1: runing}
                counters: { total: t }
                idealCycleTime: 2s
            """);

        var e = Assert.Single(ex.Errors);
        Assert.Equal(5, e.Line);
        Assert.Equal(27, e.Column);
        Assert.Contains("unknown state 'runing'", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("kpi.yaml:5:27: ", e.ToString(), StringComparison.Ordinal);
        Assert.Contains("kpi.yaml:5:27", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var ex = Fails("""
            calendars:
              day:
                shifts:
                  - name: early
                    days: [mon, funday]
                    start: "25:00"
                    end: "14:00"
            assets:
              - path: acme/p/a
                calendar: night
                state: { tag: s, codes: {0: down} }
                counters: { total: t }
                idealCycleTime: fast
                colour: red
            """);

        var messages = ex.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(messages, m => m.StartsWith("kpi.yaml:5:21: unknown weekday 'funday'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("kpi.yaml:6:16: 'start' must be a local time", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("kpi.yaml:9:11: asset path 'acme/p/a' must be an ISA-95 path", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("kpi.yaml:10:15: calendar 'night' is not defined", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("kpi.yaml:13:21: 'idealCycleTime' must be a positive duration", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("kpi.yaml:14:5: unknown key 'colour' in an asset", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_counters_and_state_say_what_to_add()
    {
        var ex = Fails("""
            assets:
              - path: acme/p/a/l1/c1
                idealCycleTime: 2s
            """);

        Assert.Contains(ex.Errors, e => e.Message.Contains("needs 'state:'", StringComparison.Ordinal) && e.Line == 2);
        Assert.Contains(ex.Errors, e => e.Message.Contains("needs 'counters:'", StringComparison.Ordinal));
    }

    [Fact]
    public void Broken_yaml_syntax_gives_its_position()
    {
        var ex = Fails("assets:\n  - path: [unclosed\n");

        var e = Assert.Single(ex.Errors);
        Assert.Contains("not valid YAML", e.Message, StringComparison.Ordinal);
        Assert.True(e.Line >= 2, e.ToString());
    }

    [Fact]
    public void A_line_cannot_be_measured_together_with_its_cells()
    {
        var ex = Fails("""
            assets:
              - path: acme/p/a/l1
                state: { running: l1/run }
                counters: { total: l1/t }
                idealCycleTime: 2s
              - path: acme/p/a/l1/c1
                state: { running: c1/run }
                counters: { total: c1/t }
                idealCycleTime: 2s
            """);

        var e = Assert.Single(ex.Errors);
        Assert.Equal(2, e.Line);
        Assert.Contains("measure either the line or its cells", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Night_shift_crosses_midnight_and_its_break_is_on_the_next_day()
    {
        var model = KpiModelLoader.Parse("""
            calendars:
              night:
                shifts:
                  - { name: night, days: [mon], start: "22:00", end: "06:00", breaks: [ { start: "02:00", end: "02:30" } ] }
            assets:
              - path: acme/p/a/l1/c1
                calendar: night
                state: { running: c1/run, fault: c1/fault }
                counters: { total: { tag: c1/t, wrapAt: 65536 } }
                idealCycleTime: 2s
            """, "kpi.yaml");
        var monday = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);
        var planned = new List<TimeInterval>();

        model.Assets[0].Calendar.GetPlannedIntervals(monday, monday.AddDays(2), planned);

        Assert.Equal(2, planned.Count);
        Assert.Equal(monday.AddHours(22).Ticks, planned[0].Start);
        Assert.Equal(monday.AddHours(26).Ticks, planned[0].End);
        Assert.Equal(monday.AddHours(26.5).Ticks, planned[1].Start);
        Assert.Equal(monday.AddHours(30).Ticks, planned[1].End);
        Assert.Equal(65536, model.Assets[0].TotalCounter.WrapAt);
    }
}
