using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Core;
using Microsoft.Extensions.Logging;

namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>
/// A UA Secure Conversation channel over one <see cref="UaTcpConnection"/> (Part 6 §6.7): splits requests into
/// chunks, numbers them, correlates responses by request id so many requests are in flight at once, reassembles
/// responses in one read loop, times requests out, and renews its security token before 75 % of its lifetime.
/// </summary>
internal sealed partial class SecureChannel : IAsyncDisposable
{
    private const int SymmetricHeaderSize = MessageHeader.Size + 4 + 4; // + SecureChannelId + TokenId
    private const int SequenceHeaderSize = 8;

    private readonly UaTcpConnection _connection;
    private readonly IChannelSecurity _security;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SecureChannelOptions _options;
    private readonly ConcurrentDictionary<uint, PendingRequest> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _readLoop = Task.CompletedTask;
    private int _nextRequestId;
    private uint _sendSequence;
    private Exception? _fault;

    private SecureChannel(UaTcpConnection connection, IChannelSecurity security, SecureChannelOptions options, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _security = security;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The endpoint this channel is connected to.</summary>
    public required OpcUaEndpointAddress Address { get; init; }

    /// <summary>The limits agreed in Hello/Acknowledge.</summary>
    public NegotiatedLimits Limits => _connection.Limits;

    /// <summary>The fault that ended the channel, or null while it is usable.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Completes with the fault when the channel ends for any reason (including dispose).</summary>
    public Task<Exception> Closed => _closed.Task;

    /// <summary>Requests awaiting a response (for diagnostics and tests).</summary>
    public int PendingCount => _pending.Count;

    /// <summary>
    /// Sends one MSG request body (type id + encoded structure) and returns the reassembled response body, which the
    /// caller disposes. Throws <see cref="OpcUaTransportException"/> (BadTimeout) when no response comes in time.
    /// </summary>
    public Task<PooledBuffer> SendRequestAsync(ReadOnlyMemory<byte> body, TimeSpan timeout, CancellationToken cancellationToken) =>
        SendRequestAsync(UaTcpMessageType.Message, body, timeout, cancellationToken);

    private async Task<PooledBuffer> SendRequestAsync(UaTcpMessageType type, ReadOnlyMemory<byte> body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfFaulted();
        var requestId = NextRequestId();
        var pending = new PendingRequest(type);
        _pending[requestId] = pending;
        var delivered = false;
        try
        {
            await SendChunksAsync(type, body, requestId, cancellationToken).ConfigureAwait(false);
            var response = await pending.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            delivered = true;
            return response;
        }
        catch (TimeoutException ex)
        {
            throw new OpcUaTransportException(
                StatusCodes.BadTimeout,
                $"No response from {Address.Url} within {timeout.TotalSeconds:0.###} s (request {requestId}, {_pending.Count} requests in flight). The server is overloaded or has stopped answering; raise the timeout or check the server.",
                null,
                isChannelFatal: false,
                ex);
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
            if (!delivered)
            {
                pending.Abandon();
            }
        }
    }

    private async Task SendChunksAsync(UaTcpMessageType type, ReadOnlyMemory<byte> body, uint requestId, CancellationToken cancellationToken)
    {
        var asymmetric = type == UaTcpMessageType.OpenSecureChannel;
        var limits = _connection.Limits;
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        var chunk = ArrayPool<byte>.Shared.Rent(limits.SendChunkSize);
        try
        {
            ThrowIfFaulted();
            var headerSize = asymmetric ? WriteAsymmetricHeader(chunk) : SymmetricHeaderSize;
            var maxBody = _security.GetMaxBodySize(limits.SendChunkSize, headerSize, asymmetric);
            var chunkCount = Math.Max(1, (body.Length + maxBody - 1) / maxBody);
            if (body.Length > limits.MaxRequestMessageSize || chunkCount > limits.MaxRequestChunkCount)
            {
                // Part 6 §7.1.2.4: report BadRequestTooLarge before anything is sent.
                throw new OpcUaTransportException(
                    StatusCodes.BadRequestTooLarge,
                    $"The request is {body.Length} bytes in {chunkCount} chunks; the server accepts {limits.MaxRequestMessageSize} bytes in {limits.MaxRequestChunkCount} chunks. Send fewer nodes per request.",
                    isChannelFatal: false);
            }

            var token = _currentToken;
            for (var i = 0; i < chunkCount; i++)
            {
                var part = body.Span.Slice(i * maxBody, Math.Min(maxBody, body.Length - (i * maxBody)));
                var isFinal = i == chunkCount - 1;
                if (!asymmetric)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(8), token.ChannelId);
                    BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(12), token.TokenId);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(8), token.ChannelId);
                }

                var size = _security.GetChunkSize(headerSize, SequenceHeaderSize + part.Length, asymmetric);
                MessageHeader.Write(chunk, type, isFinal ? ChunkType.Final : ChunkType.Intermediate, size);
                BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(headerSize), NextSendSequence());
                BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(headerSize + 4), requestId);
                part.CopyTo(chunk.AsSpan(headerSize + SequenceHeaderSize));
                _security.Secure(chunk.AsSpan(0, size), headerSize, SequenceHeaderSize + part.Length, asymmetric);

                // Once a message has started, a cancelled caller must not leave half of it on the wire.
                await _connection.WriteAsync(chunk.AsMemory(0, size), _lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            var fault = new OpcUaTransportException(StatusCodes.BadConnectionClosed, $"Sending to {Address.Url} failed: {ex.Message}. Reconnect.", null, true, ex);
            FaultChannel(fault);
            throw fault;
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            ThrowIfFaulted();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            _sendLock.Release();
        }
    }

    /// <summary>Writes channel id and asymmetric security header (Part 6 §6.7.2.3) after the message header; returns the header size.</summary>
    private int WriteAsymmetricHeader(Span<byte> chunk)
    {
        var offset = MessageHeader.Size + 4;
        var policy = System.Text.Encoding.UTF8.GetBytes(_security.PolicyUri);
        BinaryPrimitives.WriteInt32LittleEndian(chunk[offset..], policy.Length);
        policy.CopyTo(chunk[(offset + 4)..]);
        offset += 4 + policy.Length;
        offset += WriteByteString(chunk[offset..], _security.LocalCertificate.Span);
        offset += WriteByteString(chunk[offset..], _security.RemoteCertificateThumbprint.Span);
        return offset;
    }

    private static int WriteByteString(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            BinaryPrimitives.WriteInt32LittleEndian(destination, -1); // null ByteString (Part 6 §5.2.2.7)
            return 4;
        }

        BinaryPrimitives.WriteInt32LittleEndian(destination, value.Length);
        value.CopyTo(destination[4..]);
        return 4 + value.Length;
    }

    private uint NextRequestId()
    {
        while (true)
        {
            var id = (uint)Interlocked.Increment(ref _nextRequestId);
            if (id != 0 && !_pending.ContainsKey(id))
            {
                return id;
            }
        }
    }

    /// <summary>Part 6 §6.7.2.4: starts at 1 and wraps to a value below 1,024 after UInt32.MaxValue − 1,024.</summary>
    private uint NextSendSequence()
    {
        _sendSequence = _sendSequence >= uint.MaxValue - 1024 ? 1 : _sendSequence + 1;
        return _sendSequence;
    }

    private void ThrowIfFaulted()
    {
        var fault = Fault;
        if (fault is not null)
        {
            throw fault as OpcUaTransportException
                ?? new OpcUaTransportException(StatusCodes.BadSecureChannelClosed, $"The secure channel to {Address.Url} is closed: {fault.Message}. Reconnect.", null, true, fault);
        }
    }

    /// <summary>Ends the channel once: fails every pending request with <paramref name="error"/> and closes the socket.</summary>
    private void FaultChannel(Exception error)
    {
        if (Interlocked.CompareExchange(ref _fault, error, null) is not null)
        {
            return;
        }

        _logger.LogDebug(error, "Secure channel to {Endpoint} ended", Address.Url);
        _renewTimer?.Dispose();
        _lifetime.Cancel();
        foreach (var (id, pending) in _pending)
        {
            if (_pending.TryRemove(id, out _))
            {
                pending.Fail(error);
            }
        }

        _ = _connection.DisposeAsync().AsTask();
        _closed.TrySetResult(error);
    }
}
