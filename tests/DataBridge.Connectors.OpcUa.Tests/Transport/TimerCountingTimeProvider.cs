using Microsoft.Extensions.Time.Testing;

namespace DataBridge.Connectors.OpcUa.Tests.Transport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timer callbacks it ran. <see cref="FakeTimeProvider.Advance"/> runs
/// every due callback before it returns, so reading <see cref="Fired"/> right after an advance proves exactly which
/// timers did not fire yet: a negative without sleeping.
/// </summary>
internal sealed class TimerCountingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private int _fired;

    public FakeTimeProvider Clock { get; } = new(start);

    /// <summary>Timer callbacks run so far (renewal timers, request timeouts).</summary>
    public int Fired => Volatile.Read(ref _fired);

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Clock.CreateTimer(
            s =>
            {
                Interlocked.Increment(ref _fired);
                callback(s);
            },
            state,
            dueTime,
            period);

    public void Advance(TimeSpan delta) => Clock.Advance(delta);
}
