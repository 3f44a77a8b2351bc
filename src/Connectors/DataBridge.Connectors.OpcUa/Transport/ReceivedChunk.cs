using System.Buffers;

namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>One whole chunk in a pooled array (header included); dispose to return the array.</summary>
internal readonly struct ReceivedChunk : IDisposable
{
    private readonly byte[] _buffer;

    public ReceivedChunk(MessageHeader header, byte[] buffer)
    {
        Header = header;
        _buffer = buffer;
    }

    /// <summary>The chunk's header.</summary>
    public MessageHeader Header { get; }

    /// <summary>The whole chunk, header included.</summary>
    public Span<byte> Span => _buffer.AsSpan(0, Header.MessageSize);

    /// <summary>The chunk after its 8-byte header.</summary>
    public ReadOnlySpan<byte> Body => _buffer.AsSpan(MessageHeader.Size, Header.MessageSize - MessageHeader.Size);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
