using DataBridge.Diode.Datagrams;

namespace DataBridge.Diode.Fec;

/// <summary>
/// Collects one block's data symbols (payloads of up to <see cref="MaxSymbolSize"/> bytes) and computes its parity.
/// A block may be closed early (the sender flushes when idle): it is then a block of fewer data symbols with the same
/// number of parity symbols, which the header's k says. Symbols shorter than the block's longest are coded as if
/// zero-padded; parity symbols are as long as the longest data symbol. Reused block after block: no allocation.
/// </summary>
public sealed class FecBlockEncoder
{
    private readonly byte[] _data;
    private readonly byte[] _parity;
    private readonly int[] _lengths;

    /// <summary>Creates an encoder for blocks of up to <paramref name="dataCount"/> data and <paramref name="parityCount"/> parity symbols.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count or the symbol size is outside the datagram format's limits.</exception>
    public FecBlockEncoder(int dataCount = 32, int parityCount = 4, int maxSymbolSize = DatagramLimits.DefaultPayloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dataCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dataCount, DatagramLimits.MaxDataCount);
        ArgumentOutOfRangeException.ThrowIfNegative(parityCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parityCount, DatagramLimits.MaxParityCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dataCount + parityCount, DatagramLimits.MaxSymbolsPerBlock, nameof(parityCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSymbolSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxSymbolSize, DatagramLimits.MaxPayloadLength);
        DataCount = dataCount;
        ParityCount = parityCount;
        MaxSymbolSize = maxSymbolSize;
        _data = new byte[dataCount * maxSymbolSize];
        _parity = new byte[Math.Max(parityCount, 1) * maxSymbolSize];
        _lengths = new int[dataCount];
    }

    /// <summary>k: data symbols in a full block.</summary>
    public int DataCount { get; }

    /// <summary>m: parity symbols per block.</summary>
    public int ParityCount { get; }

    /// <summary>Largest data symbol (payload) accepted.</summary>
    public int MaxSymbolSize { get; }

    /// <summary>Data symbols added to the current block.</summary>
    public int Count { get; private set; }

    /// <summary>True when the block holds <see cref="DataCount"/> data symbols.</summary>
    public bool IsFull => Count == DataCount;

    /// <summary>Length of the longest data symbol so far: the length of this block's parity symbols.</summary>
    public int SymbolSize { get; private set; }

    /// <summary>True once <see cref="EncodeParity()"/> ran for the current block.</summary>
    public bool IsEncoded { get; private set; }

    /// <summary>Parity symbols computed for the current block: <see cref="ParityCount"/>, or fewer for a block closed early.</summary>
    public int EncodedParityCount { get; private set; }

    /// <summary>Copies <paramref name="payload"/> in as the next data symbol and returns its index.</summary>
    /// <exception cref="InvalidOperationException">The block is full or already encoded.</exception>
    /// <exception cref="ArgumentException">The payload is empty or longer than <see cref="MaxSymbolSize"/>.</exception>
    public int Add(ReadOnlySpan<byte> payload)
    {
        if (IsFull || IsEncoded)
        {
            throw new InvalidOperationException("The block is full or already encoded; call Reset before adding.");
        }

        if (payload.IsEmpty || payload.Length > MaxSymbolSize)
        {
            throw new ArgumentException($"A data symbol has 1..{MaxSymbolSize} bytes, not {payload.Length}.", nameof(payload));
        }

        var slot = _data.AsSpan(Count * MaxSymbolSize, MaxSymbolSize);
        payload.CopyTo(slot);

        // The code sees every symbol zero-padded to the block's symbol size.
        slot[payload.Length..].Clear();
        _lengths[Count] = payload.Length;
        SymbolSize = Math.Max(SymbolSize, payload.Length);
        return Count++;
    }

    /// <summary>The data symbol at <paramref name="index"/> as added (its own length).</summary>
    public ReadOnlySpan<byte> GetData(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return _data.AsSpan(index * MaxSymbolSize, _lengths[index]);
    }

    /// <summary>Computes the parity of the data added so far (a block of <see cref="Count"/> data symbols).</summary>
    /// <exception cref="InvalidOperationException">The block is empty.</exception>
    public void EncodeParity(GfKernel kernel) => Encode(kernel, ParityCount);

    /// <summary>Computes the parity of the data added so far with the best kernel.</summary>
    /// <exception cref="InvalidOperationException">The block is empty.</exception>
    public void EncodeParity() => Encode(GfSpan.Best, ParityCount);

    /// <summary>
    /// Computes only <paramref name="parityCount"/> (at most <see cref="ParityCount"/>) parity symbols: a block closed
    /// early needs fewer to be as safe as a full one (<see cref="PartialBlockParity"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The block is empty.</exception>
    public void EncodeParity(int parityCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parityCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parityCount, ParityCount);
        Encode(GfSpan.Best, parityCount);
    }

    /// <summary>Parity symbol <paramref name="index"/> (0..m-1) of the encoded block, <see cref="SymbolSize"/> bytes.</summary>
    /// <exception cref="InvalidOperationException">The block has not been encoded.</exception>
    public ReadOnlySpan<byte> GetParity(int index)
    {
        if (!IsEncoded)
        {
            throw new InvalidOperationException("Call EncodeParity before reading parity symbols.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)EncodedParityCount, nameof(index));
        return _parity.AsSpan(index * MaxSymbolSize, SymbolSize);
    }

    /// <summary>Starts the next block.</summary>
    public void Reset()
    {
        Count = 0;
        SymbolSize = 0;
        IsEncoded = false;
        EncodedParityCount = 0;
    }

    private void Encode(GfKernel kernel, int parityCount)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("An empty block has no parity.");
        }

        ReedSolomonCode.For(Count, parityCount).EncodeStrided(kernel, _data, MaxSymbolSize, _parity, MaxSymbolSize, SymbolSize);
        EncodedParityCount = parityCount;
        IsEncoded = true;
    }
}
