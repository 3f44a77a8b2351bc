namespace DataBridge.Diode.Fec;

/// <summary>The implementations of "destination ^= c · source" over a span, fastest last.</summary>
public enum GfKernel
{
    /// <summary>One 256-byte product-table lookup per byte; runs everywhere.</summary>
    Scalar = 0,

    /// <summary>Split-nibble table lookup with the SSSE3 byte shuffle, 16 bytes per step.</summary>
    Ssse3 = 1,

    /// <summary>Split-nibble table lookup with the AVX2 byte shuffle, 32 bytes per step.</summary>
    Avx2 = 2,

    /// <summary>The GFNI affine transform (one instruction multiplies 32 bytes by a constant in any GF(2^8) polynomial).</summary>
    Gfni = 3,
}
