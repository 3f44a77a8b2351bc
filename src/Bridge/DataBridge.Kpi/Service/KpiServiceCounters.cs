namespace DataBridge.Kpi.Service;

/// <summary>Progress of a running <see cref="KpiService"/> (read from any thread).</summary>
public sealed class KpiServiceCounters
{
    private long _values;
    private long _gaps;
    private long _decodeErrors;
    private long _published;
    private long _publishErrors;
    private long _computations;

    /// <summary>Value records consumed.</summary>
    public long ValuesConsumed => Interlocked.Read(ref _values);

    /// <summary>Gap records consumed.</summary>
    public long GapsConsumed => Interlocked.Read(ref _gaps);

    /// <summary>Messages that were not valid Avro records (skipped, logged).</summary>
    public long DecodeErrors => Interlocked.Read(ref _decodeErrors);

    /// <summary>KPI records delivered to Kafka.</summary>
    public long RecordsPublished => Interlocked.Read(ref _published);

    /// <summary>KPI records Kafka did not accept.</summary>
    public long PublishErrors => Interlocked.Read(ref _publishErrors);

    /// <summary>KPI computations done.</summary>
    public long Computations => Interlocked.Read(ref _computations);

    internal void Value() => Interlocked.Increment(ref _values);

    internal void Gap() => Interlocked.Increment(ref _gaps);

    internal long DecodeError() => Interlocked.Increment(ref _decodeErrors);

    internal void Published() => Interlocked.Increment(ref _published);

    internal void PublishError() => Interlocked.Increment(ref _publishErrors);

    internal void Computed() => Interlocked.Increment(ref _computations);
}
