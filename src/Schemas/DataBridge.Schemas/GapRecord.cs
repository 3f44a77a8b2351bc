namespace DataBridge.Schemas;

/// <summary>
/// Sequence numbers of one source that will never arrive (schema <c>io.databridge.Gap</c>, gap.avsc).
/// </summary>
/// <param name="SourceId">The source whose sequence has the gap; the Kafka key.</param>
/// <param name="FirstSequence">First missing sequence number (inclusive).</param>
/// <param name="LastSequence">Last missing sequence number (inclusive).</param>
/// <param name="Reason">Why the range is missing.</param>
/// <param name="DetectedAt">When the gap was detected (UTC).</param>
/// <param name="BridgeId">The bridge or diode receiver that detected it.</param>
public sealed record GapRecord(string SourceId, long FirstSequence, long LastSequence, GapReason Reason, DateTime DetectedAt, string BridgeId);
