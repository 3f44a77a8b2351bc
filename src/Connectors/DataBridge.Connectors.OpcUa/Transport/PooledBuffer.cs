using System.Buffers;

namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/> with a hard size limit: used to encode requests
/// and to reassemble response chunks without a new array per message. Not thread-safe; dispose to return the array.
/// </summary>
internal sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _array;
    private int _length;

    public PooledBuffer(int initialCapacity, int maxLength)
    {
        MaxLength = maxLength;
        _array = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(initialCapacity, 256), maxLength));
    }

    /// <summary>The most bytes this buffer will ever hold.</summary>
    public int MaxLength { get; }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The written bytes.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _length);

    /// <summary>The written bytes.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _length);

    /// <summary>Whether <paramref name="count"/> more bytes fit under <see cref="MaxLength"/>.</summary>
    public bool CanAppend(int count) => (long)_length + count <= MaxLength;

    /// <summary>Appends bytes; the caller checked <see cref="CanAppend"/>.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        data.CopyTo(GetSpan(data.Length));
        Advance(data.Length);
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_length + count > _array.Length)
        {
            throw new InvalidOperationException("Advanced past the buffer.");
        }

        _length += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_length);
    }

    /// <summary>Forgets the content, keeping the array.</summary>
    public void Clear() => _length = 0;

    /// <inheritdoc />
    public void Dispose()
    {
        var array = _array;
        _array = [];
        _length = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Ensure(int sizeHint)
    {
        var needed = (long)_length + Math.Max(sizeHint, 1);
        if (needed <= _array.Length)
        {
            return;
        }

        if (needed > MaxLength)
        {
            throw new InsufficientMemoryException($"The message would exceed its limit of {MaxLength} bytes.");
        }

        var newSize = (int)Math.Min(Math.Max(needed, (long)_array.Length * 2), MaxLength);
        var bigger = ArrayPool<byte>.Shared.Rent(newSize);
        _array.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }
}
