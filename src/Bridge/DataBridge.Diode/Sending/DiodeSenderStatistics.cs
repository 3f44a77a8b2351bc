namespace DataBridge.Diode.Sending;

/// <summary>What a diode sender has sent since it started (a snapshot).</summary>
/// <param name="StreamId">This sender instance's stream.</param>
/// <param name="Records">Records packed and sent.</param>
/// <param name="Datagrams">Datagrams of any kind handed to the kernel.</param>
/// <param name="Bytes">Their bytes (UDP payload: header, payload, tag).</param>
/// <param name="Blocks">FEC blocks sent completely.</param>
/// <param name="Heartbeats">Heartbeat datagrams sent.</param>
/// <param name="LastSentPosition">The outbox position of the last record whose block has been sent (-1: none yet).</param>
/// <param name="RateWaits">Times the rate limit made the sender wait.</param>
public sealed record DiodeSenderStatistics(
    uint StreamId,
    long Records,
    long Datagrams,
    long Bytes,
    long Blocks,
    long Heartbeats,
    long LastSentPosition,
    long RateWaits);
