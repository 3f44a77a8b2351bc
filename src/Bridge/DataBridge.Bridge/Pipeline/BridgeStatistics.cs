namespace DataBridge.Bridge.Pipeline;

/// <summary>Counters the console, health and metrics read; updated with interlocked adds on the hot path.</summary>
public sealed class BridgeStatistics
{
    private long _samples;
    private long _records;
    private long _gaps;

    /// <summary>Samples received from connectors.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>Records the sink has durably accepted.</summary>
    public long Records => Interlocked.Read(ref _records);

    /// <summary>Gap records written.</summary>
    public long Gaps => Interlocked.Read(ref _gaps);

    internal void CountSample() => Interlocked.Increment(ref _samples);

    internal void CountRecords(int n) => Interlocked.Add(ref _records, n);

    internal void CountGap() => Interlocked.Increment(ref _gaps);
}
