using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Packing;

namespace DataBridge.Diode.Receiving;

/// <summary>The receiver's settings.</summary>
public sealed record DiodeReceiverOptions
{
    /// <summary>Largest payload accepted (the sender's payload setting or more).</summary>
    public int MaxPayloadLength { get; init; } = DatagramLimits.DefaultPayloadLength;

    /// <summary>Largest key plus value of a record (the sender's setting or more).</summary>
    public int MaxRecordLength { get; init; } = RecordFrame.DefaultMaxRecordLength;

    /// <summary>
    /// Blocks held while an earlier one is incomplete: bounds memory to this many × (k + m) × payload bytes (16 × 249 ×
    /// 1,400 B ≈ 5.6 MB by default). A symbol of a block further ahead gives up the oldest incomplete block at once.
    /// </summary>
    public int MaxPendingBlocks { get; init; } = 16;

    /// <summary>How long an incomplete block waits for late symbols once later blocks (or a heartbeat) show the stream moved on.</summary>
    public TimeSpan BlockTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>No datagram for this long: the sender is reported silent (a warning, and <see cref="DiodeLinkStatistics.SenderSilent"/>).</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The first sequence number of a source the receiver has no position for, or null to take the first record seen as
    /// the start. With a number, records of a new source lost before its first arriving one are reported as a gap from here.
    /// </summary>
    public long? InitialSequence { get; init; }

    /// <summary>Open gaps remembered per source so a resend can still fill them; the oldest is forgotten beyond this.</summary>
    public int MaxOpenGapsPerSource { get; init; } = 1024;
}
