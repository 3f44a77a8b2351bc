using DataBridge.Bridge.Pipeline;
using DataBridge.Core;

namespace DataBridge.Bridge.Tests.Pipeline;

public class TagProcessorTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    private static Sample Good(double v, DateTime at) => Sample.Good(TagValue.FromDouble(v), at);

    [Fact]
    public void First_sample_is_always_reported()
    {
        var p = new TagProcessor(1, 0, deadband: 100, heartbeat: null);
        Assert.True(p.TryProcess(Good(1, T0), T0, out _));
    }

    [Fact]
    public void Values_inside_the_absolute_deadband_are_suppressed_and_drift_is_reported_once_it_exceeds_it()
    {
        var p = new TagProcessor(1, 0, deadband: 0.5, heartbeat: null);
        var reported = 0;
        double[] values = [10.0, 10.2, 10.4, 10.5, 10.51, 10.6, 10.9, 11.2];
        foreach (var v in values)
        {
            if (p.TryProcess(Good(v, T0), T0, out _))
            {
                reported++;
            }
        }

        // 10.0 (first), 10.51 (|10.51-10.0| > 0.5), then 11.2 (|11.2-10.51| > 0.5); 10.5 is not strictly greater.
        Assert.Equal(3, reported);
        Assert.Equal(11.2, p.LastValue.AsDouble(), 9);
    }

    [Fact]
    public void Zero_deadband_reports_every_change_and_suppresses_repeats()
    {
        var p = new TagProcessor(1, 0, deadband: 0, heartbeat: null);
        var results = new[] { 1.0, 1.0, 2.0, 2.0, 1.0 }.Select(v => p.TryProcess(Good(v, T0), T0, out _)).ToArray();
        Assert.Equal([true, false, true, false, true], results);
    }

    [Fact]
    public void A_quality_change_passes_even_inside_the_deadband()
    {
        var p = new TagProcessor(1, 0, deadband: 10, heartbeat: null);
        Assert.True(p.TryProcess(Good(5, T0), T0, out _));
        var uncertain = new Sample(TagValue.FromDouble(5.1), new StatusCode(StatusCodes.UncertainLastUsableValue), T0, T0);
        Assert.True(p.TryProcess(uncertain, T0, out var r));
        Assert.Equal(StatusCodes.UncertainLastUsableValue, r.Status.Code);
        Assert.True(p.TryProcess(Good(5.2, T0), T0, out _));
        Assert.False(p.TryProcess(Good(5.3, T0), T0, out _));
    }

    [Fact]
    public void Bad_samples_are_reported_once_until_the_code_changes()
    {
        var p = new TagProcessor(1, 0, deadband: 0, heartbeat: null);
        Assert.True(p.TryProcess(Good(1, T0), T0, out _));
        Assert.True(p.TryProcess(Sample.Bad(StatusCodes.BadTimeout, T0), T0, out _));
        Assert.False(p.TryProcess(Sample.Bad(StatusCodes.BadTimeout, T0), T0, out _));
        Assert.True(p.TryProcess(Sample.Bad(StatusCodes.BadNoCommunication, T0), T0, out _));
    }

    [Fact]
    public void Heartbeat_reports_an_unchanged_value_once_the_interval_has_passed()
    {
        var p = new TagProcessor(1, 0, deadband: 0, heartbeat: TimeSpan.FromSeconds(10));
        Assert.True(p.TryProcess(Good(1, T0), T0, out _));
        Assert.False(p.TryProcess(Good(1, T0.AddSeconds(9.9)), T0.AddSeconds(9.9), out _));
        Assert.True(p.TryProcess(Good(1, T0.AddSeconds(10)), T0.AddSeconds(10), out _));
        Assert.False(p.TryProcess(Good(1, T0.AddSeconds(15)), T0.AddSeconds(15), out _));
    }

    [Fact]
    public void Linear_scaling_applies_factor_then_offset_and_yields_a_double()
    {
        var p = new TagProcessor(0.1, -40, deadband: 0, heartbeat: null);
        Assert.True(p.TryProcess(Sample.Good(TagValue.FromUInt16(650), T0), T0, out var r));
        Assert.Equal(ValueKind.Double, r.Value.Kind);
        Assert.Equal(25.0, r.Value.AsDouble(), 9);
    }

    [Fact]
    public void Identity_scaling_keeps_the_source_type()
    {
        var p = new TagProcessor(1, 0, deadband: 0, heartbeat: null);
        Assert.True(p.TryProcess(Sample.Good(TagValue.FromInt32(-7), T0), T0, out var r));
        Assert.Equal(ValueKind.Int32, r.Value.Kind);
        Assert.Equal(-7, r.Value.AsInt64());
    }

    [Fact]
    public void Strings_and_booleans_are_reported_on_change_only()
    {
        var p = new TagProcessor(1, 0, deadband: 5, heartbeat: null);
        Assert.True(p.TryProcess(Sample.Good(TagValue.FromString("A"), T0), T0, out _));
        Assert.False(p.TryProcess(Sample.Good(TagValue.FromString("A"), T0), T0, out _));
        Assert.True(p.TryProcess(Sample.Good(TagValue.FromString("B"), T0), T0, out _));
        var b = new TagProcessor(1, 0, deadband: 5, heartbeat: null);
        Assert.True(b.TryProcess(Sample.Good(TagValue.FromBoolean(false), T0), T0, out _));
        Assert.True(b.TryProcess(Sample.Good(TagValue.FromBoolean(true), T0), T0, out _));
    }

    [Fact]
    public void A_zero_scale_factor_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TagProcessor(0, 0, 0, null));
    }
}
