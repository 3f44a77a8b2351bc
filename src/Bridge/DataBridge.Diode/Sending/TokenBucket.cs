namespace DataBridge.Diode.Sending;

/// <summary>
/// A token bucket in bytes: refills at the rate, holds at most the burst. <see cref="Take"/> always succeeds and
/// returns how long the caller must wait before sending, so the long-run rate never exceeds the limit while sends
/// inside the burst go out at once. Time comes from a <see cref="TimeProvider"/>, so tests drive it.
/// </summary>
public sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly double _bytesPerTick;
    private double _tokens;
    private long _last;

    /// <summary>Creates a full bucket.</summary>
    public TokenBucket(DiodeRate rate, long burstBytes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(rate.BitsPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burstBytes, 1);
        _time = time;
        Rate = rate;
        BurstBytes = burstBytes;
        _bytesPerTick = rate.BytesPerSecond / time.TimestampFrequency;
        _tokens = burstBytes;
        _last = time.GetTimestamp();
    }

    /// <summary>The long-run limit.</summary>
    public DiodeRate Rate { get; }

    /// <summary>Most bytes sent back to back after an idle period.</summary>
    public long BurstBytes { get; }

    /// <summary>Takes <paramref name="bytes"/> tokens (going into debt if needed) and returns the wait before sending them.</summary>
    public TimeSpan Take(int bytes)
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(BurstBytes, _tokens + ((now - _last) * _bytesPerTick));
        _last = now;
        _tokens -= bytes;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / Rate.BytesPerSecond);
    }
}
