namespace DataBridge.Diode.Packing;

/// <summary>A fragmented record that could not be reassembled because some of its fragments were lost.</summary>
/// <param name="Kind">The record's kind.</param>
/// <param name="SourceId">Its source.</param>
/// <param name="Sequence">Its sequence number.</param>
/// <param name="ReceivedLength">Bytes of it that did arrive (contiguous from where they were seen).</param>
/// <param name="TotalLength">Its key plus value length.</param>
public readonly record struct LostRecord(byte Kind, string SourceId, long Sequence, int ReceivedLength, int TotalLength);
