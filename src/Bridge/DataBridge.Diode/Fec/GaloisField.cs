namespace DataBridge.Diode.Fec;

/// <summary>
/// Arithmetic in GF(2^8) built on the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D), whose root 2 generates
/// the multiplicative group: every non-zero element is 2^i for exactly one i in 0..254. Addition is XOR; multiplication
/// adds logarithms. The same polynomial is the usual choice for Reed–Solomon erasure codes (it is the one of RAID-6), so
/// figures from the literature apply; nothing here depends on that beyond the tables.
/// </summary>
public static class GaloisField
{
    /// <summary>The field polynomial, bit 8 included.</summary>
    public const int Polynomial = 0x11D;

    // Exp is doubled (510 entries) so Exp[Log[a] + Log[b]] needs no modulo.
    private static readonly byte[] ExpTable = new byte[510];
    private static readonly byte[] LogTable = new byte[256];

    // 64 KiB full product table for the scalar path: one load per byte beats two log lookups and a branch.
    private static readonly byte[] ProductTable = new byte[256 * 256];

    // For each constant c, 16 products c * n (low nibble n) then 16 products c * (n << 4) (high nibble): the tables the
    // vector path feeds to a byte shuffle, since c*x = c*(x & 15) ^ c*(x & 0xF0) by distributivity.
    private static readonly byte[] NibbleTable = new byte[256 * 32];

    static GaloisField()
    {
        var x = 1;
        for (var i = 0; i < 255; i++)
        {
            ExpTable[i] = (byte)x;
            ExpTable[i + 255] = (byte)x;
            LogTable[x] = (byte)i;
            x <<= 1;
            if ((x & 0x100) != 0)
            {
                x ^= Polynomial;
            }
        }

        for (var a = 0; a < 256; a++)
        {
            for (var b = 0; b < 256; b++)
            {
                ProductTable[(a << 8) | b] = MultiplySlow((byte)a, (byte)b);
            }

            for (var n = 0; n < 16; n++)
            {
                NibbleTable[(a * 32) + n] = ProductTable[(a << 8) | n];
                NibbleTable[(a * 32) + 16 + n] = ProductTable[(a << 8) | (n << 4)];
            }
        }
    }

    /// <summary>a + b (and a - b: the field has characteristic 2).</summary>
    public static byte Add(byte a, byte b) => (byte)(a ^ b);

    /// <summary>a · b.</summary>
    public static byte Multiply(byte a, byte b) => ProductTable[(a << 8) | b];

    /// <summary>The multiplicative inverse of a non-zero element.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="a"/> is 0.</exception>
    public static byte Inverse(byte a) =>
        a == 0 ? throw new DivideByZeroException("0 has no inverse in GF(2^8).") : ExpTable[255 - LogTable[a]];

    /// <summary>a / b for non-zero b.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="b"/> is 0.</exception>
    public static byte Divide(byte a, byte b) => Multiply(a, Inverse(b));

    /// <summary>2^power, the generator raised to <paramref name="power"/> (taken modulo 255).</summary>
    public static byte Exp(int power) => ExpTable[((power % 255) + 255) % 255];

    /// <summary>The discrete logarithm base 2 of a non-zero element (0..254).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="a"/> is 0.</exception>
    public static int Log(byte a) =>
        a == 0 ? throw new ArgumentOutOfRangeException(nameof(a), "0 has no logarithm.") : LogTable[a];

    /// <summary>The 256-byte row of products c · x for x in 0..255 (scalar kernels index it by the source byte).</summary>
    internal static ReadOnlySpan<byte> ProductRow(byte c) => ProductTable.AsSpan(c << 8, 256);

    /// <summary>The 32 nibble products of c: 16 for the low nibble, then 16 for the high nibble.</summary>
    internal static ReadOnlySpan<byte> NibbleProducts(byte c) => NibbleTable.AsSpan(c * 32, 32);

    // Shift-and-add multiplication, used once to fill the tables (and kept independent of them so they can be checked).
    private static byte MultiplySlow(byte a, byte b)
    {
        int x = a, y = b, product = 0;
        while (y != 0)
        {
            if ((y & 1) != 0)
            {
                product ^= x;
            }

            x <<= 1;
            if ((x & 0x100) != 0)
            {
                x ^= Polynomial;
            }

            y >>= 1;
        }

        return (byte)product;
    }
}
