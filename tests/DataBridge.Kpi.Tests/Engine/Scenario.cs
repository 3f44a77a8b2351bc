using DataBridge.Core;
using DataBridge.Kpi.Engine;
using DataBridge.Kpi.Model;
using DataBridge.Kpi.Model.Yaml;
using Microsoft.Extensions.Time.Testing;

namespace DataBridge.Kpi.Tests.Engine;

/// <summary>
/// A hand-written shop-floor history for one or more cells: the tests feed state and counter samples at
/// clock times of Monday 2026-11-23 (UTC) and read the engine's results.
/// </summary>
internal sealed class Scenario
{
    public static readonly DateTime Day = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    private readonly Dictionary<string, ulong> _sequence = new(StringComparer.Ordinal);

    public Scenario(string yaml)
    {
        Model = KpiModelLoader.Parse(yaml, "test.yaml");
        Time = new FakeTimeProvider(Day);
        Engine = new KpiEngine(Model, Time);
    }

    public KpiModel Model { get; }

    public FakeTimeProvider Time { get; }

    public KpiEngine Engine { get; }

    /// <summary>A one-cell model with the 24/7 calendar (so the shift is the whole day from 00:00).</summary>
    public static string Cell(double idealCycleSeconds, string extra = "", bool good = false, string counterKind = "") => $$"""
        assets:
          - path: acme/plant1/assembly/line1/cell1
            state:
              tag: cell1/state
              codes: {0: down, 1: running, 2: idle, 3: blocked, 4: planned-stop}
            reason:
              tag: cell1/reason
              codes: {1: Jam, 2: Tool change}
            counters:
              total: {{(counterKind.Length > 0 ? counterKind : "cell1/total")}}
        {{(good ? "      good: cell1/good" : string.Empty)}}
            idealCycleTime: {{idealCycleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}s
        {{extra}}
        """;

    public static DateTime At(string hhmmss) => Day + TimeSpan.Parse(hhmmss, System.Globalization.CultureInfo.InvariantCulture);

    public void Value(string tag, string at, TagValue value, uint status = StatusCodes.Good, string source = "plc1")
    {
        var seq = _sequence.GetValueOrDefault(source) + 1;
        _sequence[source] = seq;
        Engine.Ingest(new KpiValue(source, seq, tag, value, new StatusCode(status), At(at)));
    }

    public void Value(string tag, string at, TagValue value, ulong sequence, string source = "plc1") =>
        Engine.Ingest(new KpiValue(source, sequence, tag, value, new StatusCode(StatusCodes.Good), At(at)));

    public void State(string at, int code, string tag = "cell1/state") => Value(tag, at, TagValue.FromInt32(code));

    public void Reason(string at, int code) => Value("cell1/reason", at, TagValue.FromInt32(code));

    public void Total(string at, int count, string tag = "cell1/total") => Value(tag, at, TagValue.FromInt32(count));

    public void Good(string at, int count, string tag = "cell1/good") => Value(tag, at, TagValue.FromInt32(count));

    public KpiSnapshot ComputeAt(string at)
    {
        Time.SetUtcNow(At(at));
        return Engine.Compute();
    }
}
