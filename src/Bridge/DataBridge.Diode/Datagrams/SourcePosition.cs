namespace DataBridge.Diode.Datagrams;

/// <summary>The last sequence number of one source the sender has sent.</summary>
/// <param name="SourceId">The source (at most 255 UTF-8 bytes).</param>
/// <param name="LastSequence">Its highest sequence number sent so far.</param>
public readonly record struct SourcePosition(string SourceId, long LastSequence);
