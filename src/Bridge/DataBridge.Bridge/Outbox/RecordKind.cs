namespace DataBridge.Bridge.Outbox;

/// <summary>What an outbox record carries; the outbox stores the payload opaquely and only interprets <see cref="Gap"/>.</summary>
public enum RecordKind : byte
{
    /// <summary>A tag value record (payload encoded by the pipeline, e.g. Avro).</summary>
    Value = 1,

    /// <summary>A gap: a range of one source's sequence numbers that is missing; payload is a <see cref="GapInfo"/>.</summary>
    Gap = 2,

    /// <summary>A bridge event (start, stop, reload, recovery, overflow).</summary>
    Event = 3,

    /// <summary>Tag metadata.</summary>
    Metadata = 4,
}
