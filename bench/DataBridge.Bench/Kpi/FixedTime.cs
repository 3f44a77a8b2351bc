namespace DataBridge.Bench.Kpi;

/// <summary>A clock that always reads the same instant, so every benchmark computes the same windows.</summary>
internal sealed class FixedTime(DateTime utc) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
}
