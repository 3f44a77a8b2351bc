using System.Buffers;
using System.Collections.Concurrent;

namespace DataBridge.Diode.Fec;

/// <summary>
/// A systematic Reed–Solomon erasure code over GF(2^8): k data symbols are sent as they are, followed by m parity
/// symbols, and any k of the k + m symbols give back the data.
/// </summary>
/// <remarks>
/// The generator matrix is <c>[I_k ; C]</c> with C the m × k Cauchy matrix <c>C[i, j] = 1 / (x_i + y_j)</c> for the
/// distinct field elements <c>x_i = k + i</c> and <c>y_j = j</c>. Every square submatrix of a Cauchy matrix is
/// non-singular, so any k rows of <c>[I ; C]</c> are independent: the code is MDS and repairs every pattern of up to m
/// erasures. Distinctness needs k + m ≤ 256. Decoding solves only for the missing data: with e data symbols missing,
/// e parity rows give e equations, whose coefficient matrix is an e × e submatrix of C (invertible by the same argument),
/// inverted by Gauss–Jordan elimination.
/// </remarks>
public sealed class ReedSolomonCode
{
    /// <summary>Largest number of data plus parity symbols (the Cauchy construction needs k + m distinct elements).</summary>
    public const int MaxTotalSymbols = 256;

    private static readonly ConcurrentDictionary<int, ReedSolomonCode> Cache = new();

    private readonly byte[] _cauchy;

    /// <summary>Creates the code for <paramref name="dataCount"/> data and <paramref name="parityCount"/> parity symbols.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1, m &lt; 0 or k + m &gt; 256.</exception>
    public ReedSolomonCode(int dataCount, int parityCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dataCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(parityCount);
        if (dataCount + parityCount > MaxTotalSymbols)
        {
            throw new ArgumentOutOfRangeException(nameof(parityCount), $"{dataCount} data + {parityCount} parity symbols exceed the {MaxTotalSymbols} a GF(2^8) code can have.");
        }

        DataCount = dataCount;
        ParityCount = parityCount;
        _cauchy = new byte[parityCount * dataCount];
        for (var i = 0; i < parityCount; i++)
        {
            for (var j = 0; j < dataCount; j++)
            {
                _cauchy[(i * dataCount) + j] = GaloisField.Inverse((byte)((dataCount + i) ^ j));
            }
        }
    }

    /// <summary>k: the number of data symbols in a block.</summary>
    public int DataCount { get; }

    /// <summary>m: the number of parity symbols in a block, and the number of erasures it repairs.</summary>
    public int ParityCount { get; }

    /// <summary>A shared instance per (k, m): the matrix depends on nothing else and the object is immutable.</summary>
    public static ReedSolomonCode For(int dataCount, int parityCount) =>
        Cache.GetOrAdd((dataCount << 16) | (parityCount & 0xFFFF), static (_, km) => new ReedSolomonCode(km.Item1, km.Item2), (dataCount, parityCount));

    /// <summary>The coefficient of data symbol <paramref name="dataIndex"/> in parity symbol <paramref name="parityIndex"/>.</summary>
    public byte Coefficient(int parityIndex, int dataIndex) => _cauchy[(parityIndex * DataCount) + dataIndex];

    /// <summary>
    /// Computes all parity symbols. <paramref name="data"/> holds the k data symbols back to back, each
    /// <paramref name="symbolSize"/> bytes (a shorter symbol is zero-padded by the caller); <paramref name="parity"/>
    /// receives the m parity symbols the same way.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer is not k (or m) times the symbol size.</exception>
    public void Encode(ReadOnlySpan<byte> data, int symbolSize, Span<byte> parity) => Encode(GfSpan.Best, data, symbolSize, parity);

    /// <summary>As <see cref="Encode(ReadOnlySpan{byte}, int, Span{byte})"/> with a chosen kernel.</summary>
    public void Encode(GfKernel kernel, ReadOnlySpan<byte> data, int symbolSize, Span<byte> parity)
    {
        CheckBuffer(data.Length, DataCount, symbolSize, nameof(data));
        CheckBuffer(parity.Length, ParityCount, symbolSize, nameof(parity));
        EncodeStrided(kernel, data, symbolSize, parity, symbolSize, symbolSize);
    }

    /// <summary>
    /// Encodes the first <paramref name="length"/> bytes of symbols laid out every <paramref name="dataStride"/>
    /// (and parity every <paramref name="parityStride"/>) bytes: the block buffers keep slots of the largest symbol
    /// size while a block's symbols may be shorter.
    /// </summary>
    internal void EncodeStrided(GfKernel kernel, ReadOnlySpan<byte> data, int dataStride, Span<byte> parity, int parityStride, int length)
    {
        // Cache-blocked: for each 4 KiB stripe, every parity row walks every data symbol, so the stripe of all k data
        // symbols and m parity symbols stays in L1 however large the symbols are.
        const int Stripe = 4096;
        for (var offset = 0; offset < length; offset += Stripe)
        {
            var width = Math.Min(Stripe, length - offset);
            for (var i = 0; i < ParityCount; i++)
            {
                var destination = parity.Slice((i * parityStride) + offset, width);
                destination.Clear();
                for (var j = 0; j < DataCount; j++)
                {
                    GfSpan.MultiplyAdd(kernel, _cauchy[(i * DataCount) + j], data.Slice((j * dataStride) + offset, width), destination);
                }
            }
        }
    }

    /// <summary>
    /// Rebuilds the missing data symbols in place. <paramref name="symbols"/> holds all k + m symbols back to back
    /// (missing ones with any content); <paramref name="present"/> says which arrived. Returns false, changing nothing,
    /// when fewer than k symbols are present. Missing parity symbols are not rebuilt (nothing downstream needs them).
    /// </summary>
    /// <exception cref="ArgumentException">The buffers do not match k + m symbols of <paramref name="symbolSize"/> bytes.</exception>
    public bool TryReconstruct(Span<byte> symbols, int symbolSize, ReadOnlySpan<bool> present) =>
        TryReconstruct(GfSpan.Best, symbols, symbolSize, present);

    /// <summary>As <see cref="TryReconstruct(Span{byte}, int, ReadOnlySpan{bool})"/> with a chosen kernel.</summary>
    public bool TryReconstruct(GfKernel kernel, Span<byte> symbols, int symbolSize, ReadOnlySpan<bool> present)
    {
        CheckBuffer(symbols.Length, DataCount + ParityCount, symbolSize, nameof(symbols));
        return TryReconstructStrided(kernel, symbols, symbolSize, symbolSize, present);
    }

    /// <summary>As <see cref="TryReconstruct(GfKernel, Span{byte}, int, ReadOnlySpan{bool})"/> over slots of <paramref name="stride"/> bytes.</summary>
    internal bool TryReconstructStrided(GfKernel kernel, Span<byte> symbols, int stride, int symbolSize, ReadOnlySpan<bool> present)
    {
        var total = DataCount + ParityCount;
        if (present.Length != total)
        {
            throw new ArgumentException($"Expected {total} presence flags, got {present.Length}.", nameof(present));
        }

        Span<int> missing = stackalloc int[DataCount];
        Span<int> rows = stackalloc int[Math.Max(ParityCount, 1)];
        var missingCount = 0;
        for (var j = 0; j < DataCount; j++)
        {
            if (!present[j])
            {
                missing[missingCount++] = j;
            }
        }

        if (missingCount == 0)
        {
            return true;
        }

        var rowCount = 0;
        for (var i = 0; i < ParityCount && rowCount < missingCount; i++)
        {
            if (present[DataCount + i])
            {
                rows[rowCount++] = i;
            }
        }

        if (rowCount < missingCount)
        {
            return false;
        }

        missing = missing[..missingCount];
        rows = rows[..missingCount];

        // Coefficients of the missing data in the chosen parity rows, inverted: missing = inverse · syndromes.
        // m ≤ 64 in the datagram format keeps these on the stack; a larger code built directly goes to the heap.
        var cells = missingCount * missingCount;
        Span<byte> matrix = cells <= 4096 ? stackalloc byte[cells] : new byte[cells];
        for (var r = 0; r < missingCount; r++)
        {
            for (var c = 0; c < missingCount; c++)
            {
                matrix[(r * missingCount) + c] = Coefficient(rows[r], missing[c]);
            }
        }

        Span<byte> inverse = cells <= 4096 ? stackalloc byte[cells] : new byte[cells];
        GaloisMatrix.Invert(matrix, missingCount, inverse);

        // Syndrome r: parity row r minus the contribution of the data that did arrive, i.e. what the missing data sum to.
        var rented = ArrayPool<byte>.Shared.Rent(missingCount * symbolSize);
        try
        {
            var syndromes = rented.AsSpan(0, missingCount * symbolSize);
            for (var r = 0; r < missingCount; r++)
            {
                var syndrome = syndromes.Slice(r * symbolSize, symbolSize);
                symbols.Slice((DataCount + rows[r]) * stride, symbolSize).CopyTo(syndrome);
                for (var j = 0; j < DataCount; j++)
                {
                    if (present[j])
                    {
                        GfSpan.MultiplyAdd(kernel, Coefficient(rows[r], j), symbols.Slice(j * stride, symbolSize), syndrome);
                    }
                }
            }

            for (var c = 0; c < missingCount; c++)
            {
                var target = symbols.Slice(missing[c] * stride, symbolSize);
                target.Clear();
                for (var r = 0; r < missingCount; r++)
                {
                    GfSpan.MultiplyAdd(kernel, inverse[(c * missingCount) + r], syndromes.Slice(r * symbolSize, symbolSize), target);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return true;
    }

    private static void CheckBuffer(int length, int count, int symbolSize, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(symbolSize, 1);
        if (length != count * symbolSize)
        {
            throw new ArgumentException($"Expected {count} symbols of {symbolSize} bytes ({count * symbolSize} bytes), got {length} bytes.", name);
        }
    }
}
