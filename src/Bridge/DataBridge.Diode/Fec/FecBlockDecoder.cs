using System.Buffers;
using DataBridge.Diode.Datagrams;

namespace DataBridge.Diode.Fec;

/// <summary>
/// Gathers the symbols of one FEC block as they arrive — in any order, duplicates ignored — and gives back its data
/// symbols, rebuilding up to m lost ones from parity. Memory is bounded by the datagram limits: one buffer of
/// (k + m) × <see cref="MaxSymbolSize"/> bytes, rented when a block starts and returned by <see cref="Reset"/>.
/// Symbols that contradict the block (another k or m, a parity symbol of another length, a data symbol longer than
/// the parity) raise <see cref="DiodeFormatException"/> and change nothing.
/// </summary>
public sealed class FecBlockDecoder : IDisposable
{
    private byte[]? _buffer;
    private bool[] _present = [];
    private int[] _lengths = [];
    private int _longestData;

    /// <summary>Creates a decoder for symbols of up to <paramref name="maxSymbolSize"/> bytes.</summary>
    public FecBlockDecoder(int maxSymbolSize = DatagramLimits.DefaultPayloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSymbolSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxSymbolSize, DatagramLimits.MaxPayloadLength);
        MaxSymbolSize = maxSymbolSize;
    }

    /// <summary>Largest symbol accepted.</summary>
    public int MaxSymbolSize { get; }

    /// <summary>True between the first symbol of a block and <see cref="Reset"/>.</summary>
    public bool IsStarted => _buffer is not null;

    /// <summary>The block being gathered.</summary>
    public ulong BlockId { get; private set; }

    /// <summary>k of the block being gathered.</summary>
    public int DataCount { get; private set; }

    /// <summary>m of the block being gathered.</summary>
    public int ParityCount { get; private set; }

    /// <summary>Length of the block's parity symbols (0 until one arrived): the size data symbols are rebuilt to.</summary>
    public int SymbolSize { get; private set; }

    /// <summary>Distinct symbols received.</summary>
    public int ReceivedCount { get; private set; }

    /// <summary>Distinct data symbols received.</summary>
    public int ReceivedDataCount { get; private set; }

    /// <summary>True once k distinct symbols arrived: <see cref="Decode"/> will give every data symbol back.</summary>
    public bool CanDecode => IsStarted && ReceivedCount >= DataCount;

    /// <summary>Adds a verified datagram's symbol; the first symbol starts the block.</summary>
    /// <exception cref="DiodeFormatException">The symbol contradicts the block or the limits.</exception>
    public FecSymbolStatus Add(DatagramHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.Kind is not (DatagramKind.Data or DatagramKind.Parity))
        {
            throw new DiodeFormatException("header.kind", (byte)header.Kind, $"A {header.Kind} datagram carries no FEC symbol.");
        }

        if (!IsStarted)
        {
            Start(header.BlockId, header.DataCount, header.ParityCount);
        }

        if (header.BlockId != BlockId)
        {
            throw new DiodeFormatException("header.blockId", (long)header.BlockId, $"Symbol of block {header.BlockId} given to the decoder of block {BlockId}.");
        }

        if (header.DataCount != DataCount || header.ParityCount != ParityCount)
        {
            throw new DiodeFormatException("header.dataCount", header.DataCount, $"Block {BlockId} is {DataCount} + {ParityCount} symbols, but a symbol says {header.DataCount} + {header.ParityCount}.");
        }

        return Add(header.SymbolIndex, payload);
    }

    /// <summary>Adds symbol <paramref name="index"/> (data 0..k-1, parity k..k+m-1) of the started block.</summary>
    /// <exception cref="InvalidOperationException">No block is started.</exception>
    /// <exception cref="DiodeFormatException">The index or length contradicts the block or the limits.</exception>
    public FecSymbolStatus Add(int index, ReadOnlySpan<byte> payload)
    {
        if (!IsStarted)
        {
            throw new InvalidOperationException("Start a block before adding symbols to it.");
        }

        if ((uint)index >= (uint)(DataCount + ParityCount))
        {
            throw new DiodeFormatException("header.symbolIndex", index, $"Symbol index {index} is outside block {BlockId} of {DataCount} + {ParityCount} symbols.");
        }

        if (payload.IsEmpty || payload.Length > MaxSymbolSize)
        {
            throw new DiodeFormatException("header.payloadLength", payload.Length, $"A symbol of {payload.Length} bytes is outside 1..{MaxSymbolSize}.");
        }

        if (_present[index])
        {
            return FecSymbolStatus.Duplicate;
        }

        var isParity = index >= DataCount;
        if (isParity)
        {
            if (SymbolSize != 0 && payload.Length != SymbolSize)
            {
                throw new DiodeFormatException("header.payloadLength", payload.Length, $"Parity symbol {index} of block {BlockId} has {payload.Length} bytes, another had {SymbolSize}.");
            }

            if (payload.Length < _longestData)
            {
                throw new DiodeFormatException("header.payloadLength", payload.Length, $"Parity symbol {index} of block {BlockId} has {payload.Length} bytes, shorter than a {_longestData}-byte data symbol.");
            }
        }
        else if (SymbolSize != 0 && payload.Length > SymbolSize)
        {
            throw new DiodeFormatException("header.payloadLength", payload.Length, $"Data symbol {index} of block {BlockId} has {payload.Length} bytes, longer than its {SymbolSize}-byte parity.");
        }

        var slot = _buffer.AsSpan(index * MaxSymbolSize, MaxSymbolSize);
        payload.CopyTo(slot);

        // Rebuilding treats each symbol as zero-padded to the parity length.
        slot[payload.Length..].Clear();
        _present[index] = true;
        _lengths[index] = payload.Length;
        ReceivedCount++;
        if (isParity)
        {
            SymbolSize = payload.Length;
        }
        else
        {
            ReceivedDataCount++;
            _longestData = Math.Max(_longestData, payload.Length);
        }

        return FecSymbolStatus.Accepted;
    }

    /// <summary>Starts gathering block <paramref name="blockId"/> of k data and m parity symbols.</summary>
    /// <exception cref="InvalidOperationException">A block is already started.</exception>
    /// <exception cref="DiodeFormatException">k or m is outside the datagram limits.</exception>
    public void Start(ulong blockId, int dataCount, int parityCount)
    {
        if (IsStarted)
        {
            throw new InvalidOperationException($"Block {BlockId} is still being gathered; Reset first.");
        }

        if (dataCount is < 1 or > DatagramLimits.MaxDataCount)
        {
            throw new DiodeFormatException("header.dataCount", dataCount, $"A block has 1..{DatagramLimits.MaxDataCount} data symbols, not {dataCount}.");
        }

        if (parityCount is < 0 or > DatagramLimits.MaxParityCount)
        {
            throw new DiodeFormatException("header.parityCount", parityCount, $"A block has 0..{DatagramLimits.MaxParityCount} parity symbols, not {parityCount}.");
        }

        if (dataCount + parityCount > DatagramLimits.MaxSymbolsPerBlock)
        {
            throw new DiodeFormatException("header.parityCount", parityCount, $"A block has at most {DatagramLimits.MaxSymbolsPerBlock} symbols, not {dataCount} + {parityCount}.");
        }

        BlockId = blockId;
        DataCount = dataCount;
        ParityCount = parityCount;
        var total = dataCount + parityCount;
        _buffer = ArrayPool<byte>.Shared.Rent(total * MaxSymbolSize);
        if (_present.Length < total)
        {
            _present = new bool[total];
            _lengths = new int[total];
        }
        else
        {
            Array.Clear(_present);
        }
    }

    /// <summary>
    /// Rebuilds what can be rebuilt. With k or more distinct symbols every lost data symbol comes back (status
    /// <see cref="FecBlockStatus.Repaired"/>); with fewer, nothing changes and the result names the lost data symbols.
    /// Call once the block is over (all its symbols arrived or the receiver stopped waiting).
    /// </summary>
    /// <exception cref="InvalidOperationException">No block is started.</exception>
    public FecBlockResult Decode()
    {
        if (!IsStarted)
        {
            throw new InvalidOperationException("No block to decode.");
        }

        if (ReceivedDataCount == DataCount)
        {
            return new FecBlockResult(FecBlockStatus.Complete, 0, []);
        }

        var total = DataCount + ParityCount;
        var present = _present.AsSpan(0, total);
        if (ReceivedCount < DataCount)
        {
            var lost = new int[DataCount - ReceivedDataCount];
            for (int j = 0, n = 0; j < DataCount; j++)
            {
                if (!present[j])
                {
                    lost[n++] = j;
                }
            }

            return new FecBlockResult(FecBlockStatus.Unrecoverable, 0, lost);
        }

        var repaired = DataCount - ReceivedDataCount;
        var code = ReedSolomonCode.For(DataCount, ParityCount);
        code.TryReconstructStrided(GfSpan.Best, _buffer.AsSpan(0, total * MaxSymbolSize), MaxSymbolSize, SymbolSize, present);
        for (var j = 0; j < DataCount; j++)
        {
            if (!present[j])
            {
                present[j] = true;
                _lengths[j] = SymbolSize;
            }
        }

        ReceivedDataCount = DataCount;
        return new FecBlockResult(FecBlockStatus.Repaired, repaired, []);
    }

    /// <summary>
    /// Data symbol <paramref name="index"/>: as received, or (when rebuilt) <see cref="SymbolSize"/> bytes with the
    /// sender's zero padding at the end — the packed payload format ends at its first zero frame type, so that is harmless.
    /// </summary>
    /// <exception cref="InvalidOperationException">The symbol is neither received nor rebuilt.</exception>
    public ReadOnlySpan<byte> GetData(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)DataCount, nameof(index));
        if (!IsStarted || !_present[index])
        {
            throw new InvalidOperationException($"Data symbol {index} of block {BlockId} is not available.");
        }

        return _buffer.AsSpan(index * MaxSymbolSize, _lengths[index]);
    }

    /// <summary>Forgets the block and returns its buffer, ready for the next one.</summary>
    public void Reset()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        BlockId = 0;
        DataCount = 0;
        ParityCount = 0;
        SymbolSize = 0;
        ReceivedCount = 0;
        ReceivedDataCount = 0;
        _longestData = 0;
    }

    /// <summary>Returns the buffer.</summary>
    public void Dispose() => Reset();
}
