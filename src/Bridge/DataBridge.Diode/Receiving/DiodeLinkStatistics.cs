namespace DataBridge.Diode.Receiving;

/// <summary>The receiver's view of the link (a snapshot): for the health endpoint, metrics and bridge events.</summary>
/// <param name="Datagrams">Datagrams received, valid or not.</param>
/// <param name="Bytes">Their bytes.</param>
/// <param name="Rejected">Datagrams rejected for their structure or fields (garbage, truncation, another protocol).</param>
/// <param name="Unauthenticated">Datagrams whose tag did not verify: forged, altered, or another key.</param>
/// <param name="DuplicateDatagrams">Datagrams seen twice (by datagram sequence).</param>
/// <param name="StaleDatagrams">Datagrams of a block already delivered or given up, or of a stream the sender has left.</param>
/// <param name="BlocksComplete">Blocks whose data symbols all arrived.</param>
/// <param name="BlocksRepaired">Blocks that needed parity.</param>
/// <param name="SymbolsRepaired">Data symbols rebuilt from parity.</param>
/// <param name="BlocksLost">Blocks FEC could not rebuild (wholly or partly lost).</param>
/// <param name="Records">Records delivered.</param>
/// <param name="DuplicateRecords">Records dropped as already delivered (same source and sequence).</param>
/// <param name="Gaps">Gap ranges reported.</param>
/// <param name="LostSequences">Sequence numbers inside reported gaps.</param>
/// <param name="Heartbeats">Heartbeats received.</param>
/// <param name="StreamRestarts">Times a new sender stream appeared (a sender restart).</param>
/// <param name="StreamId">The current sender stream (0: none yet).</param>
/// <param name="HeartbeatAge">Time since the last heartbeat (receiver clock), null before the first.</param>
/// <param name="SilentFor">Time since the last datagram of any kind, null before the first.</param>
/// <param name="SenderSilent">True while nothing arrived for longer than the silence timeout.</param>
/// <param name="EstimatedLossRate">1 − distinct datagrams / datagrams the sender numbered, for the current stream (before FEC).</param>
/// <param name="SenderDatagrams">The sender's own count of datagrams sent, from its last heartbeat.</param>
public sealed record DiodeLinkStatistics(
    long Datagrams,
    long Bytes,
    long Rejected,
    long Unauthenticated,
    long DuplicateDatagrams,
    long StaleDatagrams,
    long BlocksComplete,
    long BlocksRepaired,
    long SymbolsRepaired,
    long BlocksLost,
    long Records,
    long DuplicateRecords,
    long Gaps,
    long LostSequences,
    long Heartbeats,
    long StreamRestarts,
    uint StreamId,
    TimeSpan? HeartbeatAge,
    TimeSpan? SilentFor,
    bool SenderSilent,
    double EstimatedLossRate,
    ulong SenderDatagrams);
