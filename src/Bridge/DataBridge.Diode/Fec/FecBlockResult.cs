namespace DataBridge.Diode.Fec;

/// <summary>The outcome of decoding one block.</summary>
/// <param name="Status">Complete, repaired, or unrecoverable.</param>
/// <param name="RepairedCount">Data symbols rebuilt from parity.</param>
/// <param name="LostDataIndices">For an unrecoverable block, the indices (0..k-1) of the data symbols that did not arrive, ascending; otherwise empty.</param>
public readonly record struct FecBlockResult(FecBlockStatus Status, int RepairedCount, IReadOnlyList<int> LostDataIndices)
{
    /// <summary>True when every data symbol is available.</summary>
    public bool IsDecoded => Status != FecBlockStatus.Unrecoverable;
}
