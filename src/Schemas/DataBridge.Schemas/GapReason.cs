namespace DataBridge.Schemas;

/// <summary>
/// Why a gap exists. The order is the order of the symbols of <c>io.databridge.GapReason</c> in gap.avsc
/// (Avro writes an enum as its symbol index); a test keeps the two equal. Append new members at the end.
/// </summary>
public enum GapReason
{
    /// <summary>A reason this reader's schema does not know (Avro enum default).</summary>
    Unknown = 0,
    /// <summary>The outbox was full and its overflow policy dropped records.</summary>
    BufferOverflow,
    /// <summary>Diode datagrams were lost beyond what forward error correction repairs.</summary>
    DiodeLoss,
    /// <summary>An OPC UA Republish could not recover missing notifications.</summary>
    RepublishFailed,
    /// <summary>
    /// Without the outbox only: sequence numbers a crashed run handed to the sink but never saw delivered. With the
    /// outbox a restart resumes after the outbox's last number and writes no such record.
    /// </summary>
    RestartUnusedSequence,
    /// <summary>An outbox segment failed its checksum and was skipped.</summary>
    CorruptOutbox,
    /// <summary>
    /// An OPC UA server lost the bridge's subscription (it restarted, or the subscription outlived its lifetime while
    /// the bridge was cut off); whatever changed between the last delivered notification and the new subscription is
    /// unknown. One sequence number marks the spot; the values after it are the server's present state.
    /// </summary>
    SubscriptionLost,
}
