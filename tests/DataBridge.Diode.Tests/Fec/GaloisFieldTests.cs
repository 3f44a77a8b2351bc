using CsCheck;
using DataBridge.Diode.Fec;

namespace DataBridge.Diode.Tests.Fec;

public sealed class GaloisFieldTests
{
    // Carry-less multiplication reduced by 0x11D, written here independently of the library's tables.
    internal static byte Reference(byte a, byte b)
    {
        var product = 0;
        for (var i = 0; i < 8; i++)
        {
            if ((b >> i & 1) != 0)
            {
                product ^= a << i;
            }
        }

        for (var bit = 14; bit >= 8; bit--)
        {
            if ((product >> bit & 1) != 0)
            {
                product ^= 0x11D << (bit - 8);
            }
        }

        return (byte)product;
    }

    [Fact]
    public void Multiplication_matches_polynomial_multiplication_modulo_0x11D_for_every_pair()
    {
        for (var a = 0; a < 256; a++)
        {
            for (var b = 0; b < 256; b++)
            {
                Assert.Equal(Reference((byte)a, (byte)b), GaloisField.Multiply((byte)a, (byte)b));
            }
        }
    }

    [Fact]
    public void Two_generates_every_non_zero_element_and_log_inverts_exp()
    {
        var seen = new HashSet<byte>();
        for (var i = 0; i < 255; i++)
        {
            var x = GaloisField.Exp(i);
            Assert.True(seen.Add(x), $"2^{i} = {x} repeats an earlier power");
            Assert.Equal(i, GaloisField.Log(x));
        }

        Assert.DoesNotContain((byte)0, seen);
    }

    [Fact]
    public void Every_non_zero_element_times_its_inverse_is_one_and_zero_has_no_inverse()
    {
        for (var a = 1; a < 256; a++)
        {
            Assert.Equal(1, GaloisField.Multiply((byte)a, GaloisField.Inverse((byte)a)));
        }

        Assert.Throws<DivideByZeroException>(() => GaloisField.Inverse(0));
    }

    [Fact]
    public void Multiplication_distributes_over_addition()
    {
        Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte).Sample((a, b, c) =>
            GaloisField.Multiply(a, GaloisField.Add(b, c)) == GaloisField.Add(GaloisField.Multiply(a, b), GaloisField.Multiply(a, c))
            && GaloisField.Multiply(GaloisField.Multiply(a, b), c) == GaloisField.Multiply(a, GaloisField.Multiply(b, c)));
    }

    [Fact]
    public void An_inverted_matrix_times_the_original_is_the_identity()
    {
        Gen.Int[1, 12].SelectMany(n => Gen.Byte.Array[n * n].Select(m => (n, m))).Sample(t =>
        {
            var (n, m) = t;
            var work = (byte[])m.Clone();
            var inverse = new byte[n * n];
            try
            {
                GaloisMatrix.Invert(work, n, inverse);
            }
            catch (ArgumentException)
            {
                // Singular: then some non-trivial combination of rows is zero, which a random matrix rarely is; skip.
                return;
            }

            for (var r = 0; r < n; r++)
            {
                for (var c = 0; c < n; c++)
                {
                    byte sum = 0;
                    for (var k = 0; k < n; k++)
                    {
                        sum ^= GaloisField.Multiply(m[(r * n) + k], inverse[(k * n) + c]);
                    }

                    Assert.Equal(r == c ? 1 : 0, sum);
                }
            }
        });
    }

    [Fact]
    public void A_singular_matrix_is_refused()
    {
        byte[] m = [1, 2, 1, 2];
        Assert.Throws<ArgumentException>(() => GaloisMatrix.Invert(m, 2, new byte[4]));
    }
}
