using Microsoft.Extensions.Time.Testing;

namespace DataBridge.Bridge.Tests.Outbox;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that signals when code under test creates a timer on it: the explicit signal that
/// a loop is now parked on the fake clock, so a test can assert what has not happened yet without sleeping.
/// </summary>
internal sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private readonly TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first timer has been created.</summary>
    public Task TimerCreated => _timerCreated.Task;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timerCreated.TrySetResult();
        return timer;
    }
}
