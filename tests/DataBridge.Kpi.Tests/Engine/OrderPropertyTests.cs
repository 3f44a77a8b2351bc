using CsCheck;
using DataBridge.Core;
using DataBridge.Kpi.Engine;

namespace DataBridge.Kpi.Tests.Engine;

public sealed class OrderPropertyTests
{
    private const string CellPath = "acme/plant1/assembly/line1/cell1";

    [Fact]
    public void Kpis_do_not_depend_on_arrival_order_or_duplicates()
    {
        // A random history of state changes and a rising counter (with a 16-bit wrap), fed once in source order and
        // once shuffled with duplicates (at-least-once delivery): every result must be identical.
        var history =
            from states in Gen.Int[0, 4].Array[5, 40]
            from steps in Gen.Int[1, 600].Array[5, 40]
            from seed in Gen.Int
            select (states, steps, seed);

        history.Sample(h =>
        {
            var (states, steps, seed) = h;
            var values = new List<(string Tag, int Seconds, TagValue Value)>();
            var t = 0;
            ushort counter = 65000;
            for (var i = 0; i < Math.Min(states.Length, steps.Length); i++)
            {
                values.Add(("cell1/state", t, TagValue.FromInt32(states[i])));
                counter = unchecked((ushort)(counter + (steps[i] / 60)));
                values.Add(("cell1/total", t, TagValue.FromUInt16(counter)));
                t += steps[i];
            }

            var ordered = Run(values);
            var random = new Random(seed);
            var shuffled = values.Concat(values.Where(_ => random.Next(4) == 0)).OrderBy(_ => random.Next()).ToList();
            var other = Run(shuffled);

            Assert.Equal(ordered.Oee, other.Oee);
            Assert.Equal(ordered.Totals.TotalCount, other.Totals.TotalCount);
            Assert.Equal(ordered.Totals.DowntimeSeconds, other.Totals.DowntimeSeconds);
            Assert.Equal(ordered.Totals.MicroStopCount, other.Totals.MicroStopCount);
            Assert.Equal(ordered.Totals.UnknownSeconds, other.Totals.UnknownSeconds);
        }, iter: 200);
    }

    private static KpiResult Run(List<(string Tag, int Seconds, TagValue Value)> values)
    {
        var s = new Scenario(Scenario.Cell(20));
        foreach (var (tag, seconds, value) in values)
        {
            s.Engine.Ingest(new KpiValue("plc1", 1, tag, value, new StatusCode(StatusCodes.Good), Scenario.Day.AddSeconds(seconds)));
        }

        return s.ComputeAt("23:00").Find(CellPath, KpiWindowKind.Shift)!;
    }
}
