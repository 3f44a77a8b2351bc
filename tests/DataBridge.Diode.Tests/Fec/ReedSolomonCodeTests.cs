using CsCheck;
using DataBridge.Diode.Fec;

namespace DataBridge.Diode.Tests.Fec;

public sealed class ReedSolomonCodeTests
{
    private static (byte[] Symbols, byte[] Data) EncodedBlock(ReedSolomonCode code, int symbolSize, Random random)
    {
        var data = new byte[code.DataCount * symbolSize];
        random.NextBytes(data);
        var symbols = new byte[(code.DataCount + code.ParityCount) * symbolSize];
        data.CopyTo(symbols, 0);
        code.Encode(data, symbolSize, symbols.AsSpan(data.Length));
        return (symbols, data);
    }

    [Fact]
    public void Any_erasure_pattern_of_at_most_m_symbols_is_repaired_exactly()
    {
        var cases =
            from k in Gen.Int[1, 48]
            from m in Gen.Int[0, 10]
            from symbolSize in Gen.Int[1, 200]
            from seed in Gen.Int
            from erasures in Gen.Int[0, k + m - 1].HashSet[0, m]
            select (k, m, symbolSize, seed, erasures);
        cases.Sample(c =>
        {
            var random = new Random(c.seed);
            var code = new ReedSolomonCode(c.k, c.m);
            var (symbols, data) = EncodedBlock(code, c.symbolSize, random);
            var present = new bool[c.k + c.m];
            Array.Fill(present, true);
            foreach (var e in c.erasures)
            {
                present[e] = false;
                random.NextBytes(symbols.AsSpan(e * c.symbolSize, c.symbolSize));
            }

            Assert.True(code.TryReconstruct(symbols, c.symbolSize, present));
            Assert.Equal(data, symbols[..data.Length]);
        }, iter: 1000);
    }

    [Fact]
    public void Every_pattern_of_up_to_4_erasures_in_the_default_32_plus_4_block_is_repaired()
    {
        const int SymbolSize = 8;
        var code = new ReedSolomonCode(32, 4);
        var (encoded, data) = EncodedBlock(code, SymbolSize, new Random(32));
        var symbols = new byte[encoded.Length];
        var present = new bool[36];
        var patterns = 0;

        // All C(36,0) + ... + C(36,4) = 66,712 patterns: the MDS property checked, not sampled.
        foreach (var pattern in Subsets(36, 4))
        {
            encoded.CopyTo(symbols, 0);
            Array.Fill(present, true);
            foreach (var e in pattern)
            {
                present[e] = false;
                symbols.AsSpan(e * SymbolSize, SymbolSize).Fill(0xEE);
            }

            Assert.True(code.TryReconstruct(symbols, SymbolSize, present));
            Assert.True(symbols.AsSpan(0, data.Length).SequenceEqual(data), $"pattern {string.Join(",", pattern)}");
            patterns++;
        }

        Assert.Equal(66_712, patterns);
    }

    private static IEnumerable<int[]> Subsets(int n, int maxSize, int from = 0, int[]? prefix = null)
    {
        prefix ??= [];
        yield return prefix;
        if (prefix.Length == maxSize)
        {
            yield break;
        }

        for (var i = from; i < n; i++)
        {
            foreach (var subset in Subsets(n, maxSize, i + 1, [.. prefix, i]))
            {
                yield return subset;
            }
        }
    }

    [Fact]
    public void More_than_m_erasures_are_refused_and_the_buffer_is_left_untouched()
    {
        var cases =
            from k in Gen.Int[1, 40]
            from m in Gen.Int[0, 8]
            from extra in Gen.Int[1, 3]
            from seed in Gen.Int
            select (k, m, extra, seed);
        cases.Where(c => c.m + c.extra <= c.k).Sample(c =>
        {
            var random = new Random(c.seed);
            var code = new ReedSolomonCode(c.k, c.m);
            var (symbols, _) = EncodedBlock(code, 16, random);
            var erased = Enumerable.Range(0, c.k + c.m).OrderBy(_ => random.Next()).Take(c.m + c.extra).ToHashSet();
            var present = Enumerable.Range(0, c.k + c.m).Select(i => !erased.Contains(i)).ToArray();
            var before = (byte[])symbols.Clone();
            Assert.False(code.TryReconstruct(symbols, 16, present));
            Assert.Equal(before, symbols);
        });
    }

    [Fact]
    public void Every_kernel_produces_the_same_parity()
    {
        var code = new ReedSolomonCode(32, 4);
        var random = new Random(5);
        var data = new byte[32 * 1400];
        random.NextBytes(data);
        var scalar = new byte[4 * 1400];
        code.Encode(GfKernel.Scalar, data, 1400, scalar);
        foreach (var kernel in Enum.GetValues<GfKernel>().Where(GfSpan.IsSupported))
        {
            var parity = new byte[4 * 1400];
            code.Encode(kernel, data, 1400, parity);
            Assert.True(scalar.AsSpan().SequenceEqual(parity), $"{kernel} parity differs from scalar");
        }
    }

    [Fact]
    public void Parity_is_the_Cauchy_combination_of_the_data()
    {
        // Independent of the encoder's loops: parity i, byte b = sum over j of 1 / ((k + i) xor j) * data[j][b].
        var code = new ReedSolomonCode(5, 3);
        var data = Enumerable.Range(0, 5 * 4).Select(i => (byte)(i * 37 + 11)).ToArray();
        var parity = new byte[3 * 4];
        code.Encode(data, 4, parity);
        for (var i = 0; i < 3; i++)
        {
            for (var b = 0; b < 4; b++)
            {
                byte expected = 0;
                for (var j = 0; j < 5; j++)
                {
                    expected ^= GaloisField.Multiply(GaloisField.Inverse((byte)((5 + i) ^ j)), data[(j * 4) + b]);
                }

                Assert.Equal(expected, parity[(i * 4) + b]);
            }
        }
    }

    [Fact]
    public void Codes_beyond_256_symbols_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReedSolomonCode(200, 57));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReedSolomonCode(0, 4));
        Assert.Equal(256, new ReedSolomonCode(200, 56).DataCount + new ReedSolomonCode(200, 56).ParityCount);
    }
}
