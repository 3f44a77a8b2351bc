using DataBridge.Bridge.Hosting;
using DataBridge.Bridge.Sources;
using DataBridge.Core;
using Microsoft.Extensions.Time.Testing;

namespace DataBridge.Bridge.Tests.Sources;

public sealed class ModbusHealthTrackerTests
{
    private static readonly DateTime T0 = new(2026, 12, 4, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_device_that_answered_and_then_no_poll_completes_for_longer_than_the_rhythm_allows_is_stale()
    {
        var time = new FakeTimeProvider(T0);
        var tracker = new ModbusHealthTracker("press1", "10.0.0.11:502 unit 1", TimeSpan.FromSeconds(10), time);
        Assert.Equal(SourceState.Connecting, tracker.Snapshot().State);

        tracker.Observe([Sample.Good(TagValue.FromInt64(7), T0), Sample.Bad(StatusCodes.BadNodeIdUnknown, T0)]);
        Assert.Equal(SourceState.Connected, tracker.Snapshot().State);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(SourceState.Connected, tracker.Snapshot().State);
        time.Advance(TimeSpan.FromSeconds(2));
        var stale = tracker.Snapshot();
        Assert.Equal(SourceState.Stale, stale.State);
        Assert.True(stale.IsDegraded);
        Assert.Contains("no poll of 10.0.0.11:502 unit 1 completed for 11 s", stale.Problem, StringComparison.Ordinal);

        // An exception response is an answer (the device is there); a timeout of every request is not.
        tracker.Observe([Sample.Bad(StatusCodes.BadTimeout, T0), Sample.Bad(StatusCodes.BadTimeout, T0)]);
        var down = tracker.Snapshot();
        Assert.Equal(SourceState.Down, down.State);
        Assert.StartsWith("BadTimeout", down.Problem, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(T0), down.LastDataAt);
    }
}
