using System.Buffers;
using System.Net.Sockets;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>
/// One TCP socket speaking the UA Connection Protocol (Part 6 §7.1): Hello/Acknowledge on connect, then whole chunks
/// in and out. It checks each header (known type, size within the negotiated buffer) before reading the body, so
/// memory per chunk is bounded by <see cref="NegotiatedLimits.ReceiveChunkSize"/>. One reader and one writer at a time.
/// </summary>
internal sealed class UaTcpConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly byte[] _header = new byte[MessageHeader.Size];

    private UaTcpConnection(Socket socket, NegotiatedLimits limits)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Limits = limits;
    }

    /// <summary>The limits agreed in Hello/Acknowledge.</summary>
    public NegotiatedLimits Limits { get; private set; }

    /// <summary>Dials the server and performs Hello/Acknowledge; the caller's token bounds the whole handshake.</summary>
    public static async Task<UaTcpConnection> ConnectAsync(OpcUaEndpointAddress address, OpcUaTransportLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        UaTcpConnection? connection = null;
        try
        {
            try
            {
                await socket.ConnectAsync(address.Host, address.Port, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new OpcUaTransportException(StatusCodes.BadNotConnected, $"Could not connect to {address.Host}:{address.Port} ({ex.SocketErrorCode}). Check that the server runs and that host and port are right.", null, true, ex);
            }

            connection = new UaTcpConnection(socket, default);
            await connection._stream.WriteAsync(UaTcpHandshake.EncodeHello(limits, address.Url), cancellationToken).ConfigureAwait(false);
            using var reply = await connection.ReadRawAsync(UaTcpHandshake.MaxHandshakeMessageSize, cancellationToken).ConfigureAwait(false);
            switch (reply.Header.MessageType)
            {
                case UaTcpMessageType.Acknowledge:
                    connection.Limits = UaTcpHandshake.ParseAcknowledge(reply.Body, limits);
                    return connection;
                case UaTcpMessageType.Error:
                    var (code, reason) = UaTcpHandshake.ParseError(reply.Body);
                    throw new OpcUaTransportException(code, $"The server at {address.Url} refused the connection. Check the endpoint URL path and the server's connection limits.", reason);
                default:
                    throw new OpcUaTransportException(StatusCodes.BadTcpMessageTypeInvalid, $"The server answered Hello with a '{reply.Header.TypeText}' message instead of ACK. Check that {address.Host}:{address.Port} is an OPC UA server.");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw ex is OpcUaTransportException ? ex : Wrap(ex, address.Url);
        }
        catch (OperationCanceledException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    /// <summary>Reads the next secure conversation chunk (MSG/OPN/CLO) or an Error message.</summary>
    public ValueTask<ReceivedChunk> ReadChunkAsync(CancellationToken cancellationToken) =>
        ReadRawAsync(Limits.ReceiveChunkSize, cancellationToken);

    /// <summary>Writes bytes already framed as one or more chunks.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _stream.WriteAsync(data, cancellationToken);

    /// <summary>Closes the socket; a pending read ends with an exception.</summary>
    public ValueTask DisposeAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        return _stream.DisposeAsync();
    }

    private async ValueTask<ReceivedChunk> ReadRawAsync(int maxSize, CancellationToken cancellationToken)
    {
        await ReadExactAsync(_header, cancellationToken).ConfigureAwait(false);
        var header = MessageHeader.Read(_header);
        switch (header.MessageType)
        {
            case UaTcpMessageType.Acknowledge:
            case UaTcpMessageType.Error:
            case UaTcpMessageType.Message:
            case UaTcpMessageType.OpenSecureChannel:
            case UaTcpMessageType.CloseSecureChannel:
                break;
            default:
                throw new OpcUaTransportException(StatusCodes.BadTcpMessageTypeInvalid, $"The server sent a message of unknown type '{header.TypeText}'. The peer is not a conforming OPC UA server; the connection was closed.");
        }

        // Part 6 §7.1.2.2: verify the size against the negotiated buffer before reading the body.
        if (header.MessageSize < MessageHeader.Size || header.MessageSize > maxSize)
        {
            throw new OpcUaTransportException(StatusCodes.BadTcpMessageTooLarge, $"The server sent a '{header.TypeText}' chunk of {header.MessageSize} bytes; the negotiated limit is {maxSize}. The server violates the buffer sizes it acknowledged; the connection was closed.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(header.MessageSize);
        try
        {
            _header.CopyTo(buffer, 0);
            await ReadExactAsync(buffer.AsMemory(MessageHeader.Size, header.MessageSize - MessageHeader.Size), cancellationToken).ConfigureAwait(false);
            return new ReceivedChunk(header, buffer);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private async ValueTask ReadExactAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException ex)
        {
            throw new OpcUaTransportException(StatusCodes.BadConnectionClosed, "The server closed the connection (mid-message if a chunk was being read). Reconnect; if it repeats, check the server's log.", null, true, ex);
        }
        catch (IOException ex)
        {
            throw new OpcUaTransportException(StatusCodes.BadConnectionClosed, $"The connection to the server broke: {ex.Message}. Reconnect; check the network if it repeats.", null, true, ex);
        }
    }

    private static OpcUaTransportException Wrap(Exception ex, string url) =>
        new(StatusCodes.BadCommunicationError, $"Connecting to {url} failed: {ex.Message}.", null, true, ex);
}
