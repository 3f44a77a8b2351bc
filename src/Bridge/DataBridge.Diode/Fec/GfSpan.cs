using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DataBridge.Diode.Fec;

/// <summary>
/// The one operation Reed–Solomon coding spends its time in: <c>destination[i] ^= c · source[i]</c> over a span,
/// with a vector kernel chosen once for this CPU and a scalar fallback that every vector kernel is tested against.
/// </summary>
public static class GfSpan
{
    /// <summary>The fastest kernel this CPU supports.</summary>
    public static GfKernel Best { get; } =
        IsSupported(GfKernel.Gfni) ? GfKernel.Gfni
        : IsSupported(GfKernel.Avx2) ? GfKernel.Avx2
        : IsSupported(GfKernel.Ssse3) ? GfKernel.Ssse3
        : GfKernel.Scalar;

    // For GFNI: multiplication by c is GF(2)-linear in the bits of x, so it is an 8×8 bit matrix; one qword per c.
    private static readonly ulong[] AffineMatrices = BuildAffineMatrices();

    /// <summary>Whether <paramref name="kernel"/> can run on this CPU.</summary>
    public static bool IsSupported(GfKernel kernel) => kernel switch
    {
        GfKernel.Scalar => true,
        GfKernel.Ssse3 => Ssse3.IsSupported,
        GfKernel.Avx2 => Avx2.IsSupported,
        GfKernel.Gfni => Gfni.V256.IsSupported,
        _ => false,
    };

    /// <summary><c>destination[i] ^= c · source[i]</c> with the best kernel.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void MultiplyAdd(byte c, ReadOnlySpan<byte> source, Span<byte> destination) =>
        MultiplyAdd(Best, c, source, destination);

    /// <summary><c>destination[i] ^= c · source[i]</c> with a chosen kernel (tests and benchmarks compare them).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="PlatformNotSupportedException">The CPU lacks the kernel's instructions.</exception>
    public static void MultiplyAdd(GfKernel kernel, byte c, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length != destination.Length)
        {
            throw new ArgumentException($"Source ({source.Length} bytes) and destination ({destination.Length} bytes) must have the same length.", nameof(destination));
        }

        if (c == 0)
        {
            return;
        }

        if (c == 1)
        {
            Xor(source, destination);
            return;
        }

        var done = kernel switch
        {
            GfKernel.Scalar => 0,
            GfKernel.Ssse3 when Ssse3.IsSupported => MultiplyAddSsse3(c, source, destination),
            GfKernel.Avx2 when Avx2.IsSupported => MultiplyAddAvx2(c, source, destination),
            GfKernel.Gfni when Gfni.V256.IsSupported => MultiplyAddGfni(c, source, destination),
            _ => throw new PlatformNotSupportedException($"This CPU does not support the {kernel} kernel."),
        };
        MultiplyAddScalar(c, source[done..], destination[done..]);
    }

    /// <summary><c>destination[i] ^= source[i]</c> (multiplication by 1), vectorised by the runtime.</summary>
    public static void Xor(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length != destination.Length)
        {
            throw new ArgumentException($"Source ({source.Length} bytes) and destination ({destination.Length} bytes) must have the same length.", nameof(destination));
        }

        var i = 0;
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        for (; i <= source.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            (Vector256.LoadUnsafe(ref d, (nuint)i) ^ Vector256.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref d, i) ^= Unsafe.Add(ref s, i);
        }
    }

    private static void MultiplyAddScalar(byte c, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var row = GaloisField.ProductRow(c);
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] ^= row[source[i]];
        }
    }

    // Returns how many leading bytes it handled (a multiple of 16); the caller finishes the tail with the scalar kernel.
    private static int MultiplyAddSsse3(byte c, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ref var table = ref MemoryMarshal.GetReference(GaloisField.NibbleProducts(c));
        var low = Vector128.LoadUnsafe(ref table);
        var high = Vector128.LoadUnsafe(ref table, 16);
        var mask = Vector128.Create((byte)0x0F);
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        for (; i <= source.Length - 16; i += 16)
        {
            var x = Vector128.LoadUnsafe(ref s, (nuint)i);
            var product = Ssse3.Shuffle(low, x & mask) ^ Ssse3.Shuffle(high, Vector128.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & mask);
            (Vector128.LoadUnsafe(ref d, (nuint)i) ^ product).StoreUnsafe(ref d, (nuint)i);
        }

        return i;
    }

    private static int MultiplyAddAvx2(byte c, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ref var table = ref MemoryMarshal.GetReference(GaloisField.NibbleProducts(c));

        // vpshufb looks up within each 128-bit lane, so both lanes carry the same 16-entry table.
        var low = Vector256.Create(Vector128.LoadUnsafe(ref table));
        var high = Vector256.Create(Vector128.LoadUnsafe(ref table, 16));
        var mask = Vector256.Create((byte)0x0F);
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        for (; i <= source.Length - 64; i += 64)
        {
            // Two independent chains per iteration keep both shuffle ports busy.
            var x0 = Vector256.LoadUnsafe(ref s, (nuint)i);
            var x1 = Vector256.LoadUnsafe(ref s, (nuint)(i + 32));
            var p0 = Avx2.Shuffle(low, x0 & mask) ^ Avx2.Shuffle(high, Vector256.ShiftRightLogical(x0.AsUInt16(), 4).AsByte() & mask);
            var p1 = Avx2.Shuffle(low, x1 & mask) ^ Avx2.Shuffle(high, Vector256.ShiftRightLogical(x1.AsUInt16(), 4).AsByte() & mask);
            (Vector256.LoadUnsafe(ref d, (nuint)i) ^ p0).StoreUnsafe(ref d, (nuint)i);
            (Vector256.LoadUnsafe(ref d, (nuint)(i + 32)) ^ p1).StoreUnsafe(ref d, (nuint)(i + 32));
        }

        for (; i <= source.Length - 32; i += 32)
        {
            var x = Vector256.LoadUnsafe(ref s, (nuint)i);
            var p = Avx2.Shuffle(low, x & mask) ^ Avx2.Shuffle(high, Vector256.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & mask);
            (Vector256.LoadUnsafe(ref d, (nuint)i) ^ p).StoreUnsafe(ref d, (nuint)i);
        }

        return i;
    }

    private static int MultiplyAddGfni(byte c, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var matrix = Vector256.Create(AffineMatrices[c]).AsByte();
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        for (; i <= source.Length - 64; i += 64)
        {
            var p0 = Gfni.V256.GaloisFieldAffineTransform(Vector256.LoadUnsafe(ref s, (nuint)i), matrix, 0);
            var p1 = Gfni.V256.GaloisFieldAffineTransform(Vector256.LoadUnsafe(ref s, (nuint)(i + 32)), matrix, 0);
            (Vector256.LoadUnsafe(ref d, (nuint)i) ^ p0).StoreUnsafe(ref d, (nuint)i);
            (Vector256.LoadUnsafe(ref d, (nuint)(i + 32)) ^ p1).StoreUnsafe(ref d, (nuint)(i + 32));
        }

        for (; i <= source.Length - 32; i += 32)
        {
            var p = Gfni.V256.GaloisFieldAffineTransform(Vector256.LoadUnsafe(ref s, (nuint)i), matrix, 0);
            (Vector256.LoadUnsafe(ref d, (nuint)i) ^ p).StoreUnsafe(ref d, (nuint)i);
        }

        return i;
    }

    // GF2P8AFFINEQB computes result bit i = parity(matrix.byte[7 - i] & x) (Intel SDM, GF2P8AFFINEQB). Bit i of c·x is
    // the XOR over bits j of x of bit i of c·2^j, so matrix byte (7 - i) holds, at bit j, bit i of c·2^j. This works for
    // our 0x11D field although the instruction's own multiply (GF2P8MULB) is fixed to the AES polynomial 0x11B.
    private static ulong[] BuildAffineMatrices()
    {
        var matrices = new ulong[256];
        for (var c = 0; c < 256; c++)
        {
            ulong matrix = 0;
            for (var i = 0; i < 8; i++)
            {
                var row = 0;
                for (var j = 0; j < 8; j++)
                {
                    if (((GaloisField.Multiply((byte)c, (byte)(1 << j)) >> i) & 1) != 0)
                    {
                        row |= 1 << j;
                    }
                }

                matrix |= (ulong)row << (8 * (7 - i));
            }

            matrices[c] = matrix;
        }

        return matrices;
    }
}
