namespace DataBridge.Diode.Fec;

/// <summary>Square matrices over GF(2^8), row-major in a span.</summary>
public static class GaloisMatrix
{
    /// <summary>
    /// Inverts the n × n <paramref name="matrix"/> into <paramref name="inverse"/> by Gauss–Jordan elimination
    /// (the matrix is left as its reduced form). Field arithmetic is exact, so pivoting only needs a non-zero entry.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is singular or a span has the wrong size.</exception>
    public static void Invert(Span<byte> matrix, int n, Span<byte> inverse)
    {
        if (matrix.Length != n * n || inverse.Length != n * n)
        {
            throw new ArgumentException($"Expected {n}×{n} = {n * n} bytes per matrix.", nameof(matrix));
        }

        inverse.Clear();
        for (var i = 0; i < n; i++)
        {
            inverse[(i * n) + i] = 1;
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            while (pivot < n && matrix[(pivot * n) + col] == 0)
            {
                pivot++;
            }

            if (pivot == n)
            {
                throw new ArgumentException($"The matrix is singular (no pivot in column {col}).", nameof(matrix));
            }

            if (pivot != col)
            {
                SwapRows(matrix, n, pivot, col);
                SwapRows(inverse, n, pivot, col);
            }

            var scale = GaloisField.Inverse(matrix[(col * n) + col]);
            ScaleRow(matrix, n, col, scale);
            ScaleRow(inverse, n, col, scale);
            for (var row = 0; row < n; row++)
            {
                var factor = matrix[(row * n) + col];
                if (row != col && factor != 0)
                {
                    GfSpan.MultiplyAdd(GfKernel.Scalar, factor, matrix.Slice(col * n, n), matrix.Slice(row * n, n));
                    GfSpan.MultiplyAdd(GfKernel.Scalar, factor, inverse.Slice(col * n, n), inverse.Slice(row * n, n));
                }
            }
        }
    }

    private static void SwapRows(Span<byte> m, int n, int a, int b)
    {
        for (var c = 0; c < n; c++)
        {
            (m[(a * n) + c], m[(b * n) + c]) = (m[(b * n) + c], m[(a * n) + c]);
        }
    }

    private static void ScaleRow(Span<byte> m, int n, int row, byte scale)
    {
        for (var c = 0; c < n; c++)
        {
            m[(row * n) + c] = GaloisField.Multiply(m[(row * n) + c], scale);
        }
    }
}
