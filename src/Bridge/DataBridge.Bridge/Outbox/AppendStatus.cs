namespace DataBridge.Bridge.Outbox;

/// <summary>Outcome of an append.</summary>
public enum AppendStatus
{
    /// <summary>The record is in the log (durable once <see cref="Outbox.DurablePosition"/> reaches its end position).</summary>
    Accepted,

    /// <summary>
    /// The disk budget is full under <see cref="OverflowPolicy.DropNewest"/>; the record was not stored and its sequence
    /// number is now inside a tracked refused range that will be written as a gap record.
    /// </summary>
    Rejected,
}
