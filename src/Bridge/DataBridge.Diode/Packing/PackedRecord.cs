namespace DataBridge.Diode.Packing;

/// <summary>One record as unpacked: a view valid only during the <see cref="IRecordSink.OnRecord"/> call.</summary>
public readonly ref struct PackedRecord
{
    /// <summary>Creates the view.</summary>
    public PackedRecord(byte kind, string sourceId, long sequence, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        Kind = kind;
        SourceId = sourceId;
        Sequence = sequence;
        Key = key;
        Value = value;
    }

    /// <summary>What the record is (the outbox's record kind, carried opaquely).</summary>
    public byte Kind { get; }

    /// <summary>The source whose sequence number this is.</summary>
    public string SourceId { get; }

    /// <summary>The per-source sequence number.</summary>
    public long Sequence { get; }

    /// <summary>The Kafka key bytes (empty: no key).</summary>
    public ReadOnlySpan<byte> Key { get; }

    /// <summary>The Kafka value bytes.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
