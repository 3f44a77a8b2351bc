namespace DataBridge.Kpi.Engine;

/// <summary>A gap record: the sequence numbers [First, Last] of a source are lost.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="FirstSequence">First missing sequence number.</param>
/// <param name="LastSequence">Last missing sequence number (inclusive).</param>
public readonly record struct KpiGap(string SourceId, ulong FirstSequence, ulong LastSequence);
