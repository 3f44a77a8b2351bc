using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;

namespace DataBridge.Testing.OpcUa;

/// <summary>
/// One client connection through <see cref="UaTcpProxy"/>: both directions are read chunk by chunk (each at most
/// <see cref="UaTcpProxyChunks.MaxChunkSize"/>, one pooled buffer at a time) so that subscription traffic can be traced
/// and a server PublishResponse swallowed, with the channel sequence numbers after it renumbered.
/// </summary>
internal sealed class UaTcpProxyConnection
{
    /// <summary>Multi-chunk responses in progress are few; more than this means the peer misbehaves, so forget them.</summary>
    private const int MaxOpenMessages = 256;

    private readonly UaTcpProxy _proxy;
    private readonly Socket _client;
    private readonly Socket _server;
    private readonly CancellationTokenSource _lifetime;
    private readonly HashSet<uint> _openMessages = [];
    private uint _droppedChunks;
    private int _closed;

    public UaTcpProxyConnection(UaTcpProxy proxy, int number, Socket client, Socket server, CancellationToken stopping)
    {
        _proxy = proxy;
        Number = number;
        _client = client;
        _server = server;
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Completion = RunAsync();
    }

    /// <summary>The proxy's count of this connection (1 for the first), as the trace names it.</summary>
    public int Number { get; }

    /// <summary>Completes when both directions have ended and both sockets are closed.</summary>
    public Task Completion { get; }

    /// <summary>Resets both sockets now (RST, as a cable pulled between two routers would look to each side).</summary>
    public void Abort()
    {
        _proxy.Trace.Add(Number, "cut (RST both sides)");
        Close(reset: true);
    }

    private async Task RunAsync()
    {
        try
        {
            await Task.WhenAll(Task.Run(() => PumpAsync(_client, _server, fromServer: false)), Task.Run(() => PumpAsync(_server, _client, fromServer: true))).ConfigureAwait(false);
        }
        finally
        {
            _lifetime.Dispose();
        }
    }

    /// <summary>Copies one direction chunk by chunk, tracing subscription traffic; server chunks may be dropped or renumbered.</summary>
    private async Task PumpAsync(Socket source, Socket destination, bool fromServer)
    {
        var header = new byte[UaTcpProxyChunks.HeaderSize];
        try
        {
            await using var from = new NetworkStream(source, ownsSocket: false);
            await using var to = new NetworkStream(destination, ownsSocket: false);
            while (true)
            {
                await from.ReadExactlyAsync(header, _lifetime.Token).ConfigureAwait(false);
                var size = UaTcpProxyChunks.ChunkSize(header);
                if (size < 0)
                {
                    _proxy.OnProtocolError($"the {(fromServer ? "server" : "client")} sent a chunk header claiming {BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4))} bytes");
                    Close(reset: true);
                    return;
                }

                var chunk = ArrayPool<byte>.Shared.Rent(size);
                try
                {
                    header.CopyTo(chunk, 0);
                    await from.ReadExactlyAsync(chunk.AsMemory(UaTcpProxyChunks.HeaderSize, size - UaTcpProxyChunks.HeaderSize), _lifetime.Token).ConfigureAwait(false);
                    if (fromServer && _proxy.TamperServerChunk is { } tamper)
                    {
                        foreach (var replacement in tamper(chunk.AsSpan(0, size).ToArray()))
                        {
                            await to.WriteAsync(replacement, _lifetime.Token).ConfigureAwait(false);
                        }

                        continue;
                    }

                    var forward = !fromServer || Forward(chunk.AsSpan(0, size));
                    _proxy.Trace.Observe(Number, chunk.AsSpan(0, size), fromServer, forward);

                    if (forward)
                    {
                        await to.WriteAsync(chunk.AsMemory(0, size), _lifetime.Token).ConfigureAwait(false);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk);
                }
            }
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
            if (ex is not OperationCanceledException)
            {
                _proxy.Trace.Add(Number, $"{(fromServer ? "server" : "client")} side ended: {ex.GetType().Name} {ex.Message}");
            }
        }
        finally
        {
            Close(reset: false);
        }
    }

    /// <summary>Decides whether a server chunk goes on to the client, renumbering it when earlier ones were dropped.</summary>
    private bool Forward(Span<byte> chunk)
    {
        var offset = UaTcpProxyChunks.SequenceHeaderOffset(chunk);
        if (offset < 0)
        {
            return true;
        }

        var sequence = BinaryPrimitives.ReadUInt32LittleEndian(chunk[offset..]);
        var requestId = BinaryPrimitives.ReadUInt32LittleEndian(chunk[(offset + 4)..]);
        var chunkType = (char)chunk[3];
        var continuation = _openMessages.Contains(requestId);
        if (chunkType == 'C')
        {
            if (_openMessages.Count >= MaxOpenMessages)
            {
                _openMessages.Clear();
            }

            _openMessages.Add(requestId);
        }
        else
        {
            _openMessages.Remove(requestId);
        }

        if (!continuation && UaTcpProxyChunks.TryReadDataPublishResponse(chunk, out var subscriptionId, out var notificationSequence, out var count))
        {
            _proxy.OnDataPublishResponse();
            if (_proxy.TryClaimDrop(new UaTcpProxyDroppedPublish(subscriptionId, notificationSequence, count, sequence)))
            {
                // Part 6 §6.7.2.4: the client rejects a hole in chunk sequence numbers, so every later chunk of this
                // channel moves down by one and the loss looks like a response that simply never came.
                _droppedChunks++;
                return false;
            }
        }

        if (!continuation && _proxy.DropRepublishResponses && UaTcpProxyChunks.IsRepublishResponse(chunk))
        {
            _proxy.Trace.Add(Number, $"dropped RepublishResponse (chunk {sequence})");
            _droppedChunks++;
            return false;
        }

        if (_droppedChunks != 0)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(chunk[offset..], unchecked(sequence - _droppedChunks));
        }

        return true;
    }

    private void Close(bool reset)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _lifetime.Cancel();
        CloseSocket(_client, reset);
        CloseSocket(_server, reset);
    }

    internal static void CloseSocket(Socket socket, bool reset)
    {
        try
        {
            if (reset)
            {
                // Linger on with a zero timeout: close sends RST instead of FIN.
                socket.LingerState = new LingerOption(true, 0);
            }
            else
            {
                socket.Shutdown(SocketShutdown.Both);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    private static bool IsConnectionEnd(Exception ex) =>
        ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException or EndOfStreamException;
}
