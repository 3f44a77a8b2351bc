using CsCheck;
using DataBridge.Diode.Fec;

namespace DataBridge.Diode.Tests.Fec;

public sealed class GfSpanTests
{
    public static TheoryData<GfKernel> Kernels() => [GfKernel.Scalar, GfKernel.Ssse3, GfKernel.Avx2, GfKernel.Gfni];

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Each_kernel_computes_destination_xor_c_times_source_byte_by_byte(GfKernel kernel)
    {
        if (!GfSpan.IsSupported(kernel))
        {
            Assert.Throws<PlatformNotSupportedException>(() => GfSpan.MultiplyAdd(kernel, 7, new byte[64], new byte[64]));
            return;
        }

        // Lengths around the 16/32/64-byte steps catch tail handling.
        Gen.Select(Gen.Byte, Gen.Int[0, 300], Gen.UInt).Sample((c, length, seed) =>
        {
            var random = new Random((int)seed);
            var source = new byte[length];
            var destination = new byte[length];
            random.NextBytes(source);
            random.NextBytes(destination);
            var expected = new byte[length];
            for (var i = 0; i < length; i++)
            {
                expected[i] = (byte)(destination[i] ^ GaloisFieldTests.Reference(c, source[i]));
            }

            GfSpan.MultiplyAdd(kernel, c, source, destination);
            Assert.Equal(expected, destination);
        }, iter: 2000);
    }

    [Fact]
    public void Every_supported_vector_kernel_agrees_with_the_scalar_kernel_for_every_constant()
    {
        var random = new Random(13);
        var source = new byte[1400 + 17];
        random.NextBytes(source);
        var start = new byte[source.Length];
        random.NextBytes(start);
        var vectorKernels = new[] { GfKernel.Ssse3, GfKernel.Avx2, GfKernel.Gfni }.Where(GfSpan.IsSupported).ToArray();

        // On x64 (every machine this runs on) at least one vector path must exist, or this test would prove nothing.
        Assert.NotEmpty(vectorKernels);
        for (var c = 0; c < 256; c++)
        {
            var scalar = (byte[])start.Clone();
            GfSpan.MultiplyAdd(GfKernel.Scalar, (byte)c, source, scalar);
            foreach (var kernel in vectorKernels)
            {
                var vector = (byte[])start.Clone();
                GfSpan.MultiplyAdd(kernel, (byte)c, source, vector);
                Assert.True(scalar.AsSpan().SequenceEqual(vector), $"{kernel} differs from scalar for c = {c}");
            }
        }
    }

    [Fact]
    public void Spans_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => GfSpan.MultiplyAdd(3, new byte[10], new byte[11]));
    }
}
