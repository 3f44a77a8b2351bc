namespace DataBridge.Bridge.Outbox;

/// <summary>An inclusive range of one source's sequence numbers.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="First">First sequence number (inclusive).</param>
/// <param name="Last">Last sequence number (inclusive).</param>
public readonly record struct SequenceRange(string SourceId, long First, long Last)
{
    /// <summary>Number of sequence numbers in the range.</summary>
    public long Count => Last - First + 1;

    /// <inheritdoc/>
    public override string ToString() => $"{SourceId}[{First}..{Last}]";
}
