using System.Net;
using System.Net.Sockets;

namespace DataBridge.Testing.OpcUa;

/// <summary>
/// A UA-TCP-aware TCP proxy for fault tests: listens on a free loopback port and forwards every connection to an
/// OPC UA server, and on demand cuts all connections (RST), refuses new ones for a while, or swallows one
/// PublishResponse carrying data while keeping the secure channel valid. Security policy None only (it reads and
/// rewrites chunk headers). Buffers are bounded by the chunk size; disposing stops everything it started.
/// </summary>
public sealed class UaTcpProxy : IAsyncDisposable
{
    private static readonly TimeSpan UpstreamConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly IPEndPoint _upstream;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly HashSet<UaTcpProxyConnection> _connections = [];
    private readonly List<Task> _connecting = [];
    private readonly Task _acceptLoop;
    private TaskCompletionSource<UaTcpProxyDroppedPublish>? _drop;
    private volatile bool _paused;
    private long _accepted;
    private int _connectionNumber;
    private long _refused;
    private long _dataPublishResponses;
    private string? _protocolError;

    private UaTcpProxy(IPEndPoint upstream)
    {
        _upstream = upstream;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Connections forwarded to the server so far.</summary>
    public long AcceptedConnections => Interlocked.Read(ref _accepted);

    /// <summary>Connections reset at once because the proxy was paused or the server did not answer.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refused);

    /// <summary>Connections open now.</summary>
    public int ActiveConnections
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>PublishResponses with notifications the server sent through the proxy (including a dropped one).</summary>
    public long DataPublishResponses => Interlocked.Read(ref _dataPublishResponses);

    /// <summary>Why the proxy ended a connection on its own (a chunk it could not read), or null.</summary>
    public string? ProtocolError => Volatile.Read(ref _protocolError);

    /// <summary>What went through the proxy (subscription services only), for failure messages.</summary>
    public UaTcpProxyTrace Trace { get; } = new();

    /// <summary>True while new connections are refused.</summary>
    public bool IsPaused => _paused;

    /// <summary>Starts a proxy in front of the server at <paramref name="upstreamHost"/>:<paramref name="upstreamPort"/>.</summary>
    public static UaTcpProxy Start(int upstreamPort, string upstreamHost = "127.0.0.1") =>
        new(new IPEndPoint(IPAddress.Parse(upstreamHost), upstreamPort));

    /// <summary>The server's endpoint URL with host and port replaced by the proxy's (path kept).</summary>
    public string EndpointUrlFor(string serverEndpointUrl)
    {
        var uri = new Uri(serverEndpointUrl);
        return $"opc.tcp://127.0.0.1:{Port}{uri.AbsolutePath}";
    }

    /// <summary>Resets every open connection now, both sockets (RST); the proxy keeps accepting unless paused.</summary>
    public void CutAllConnections()
    {
        UaTcpProxyConnection[] open;
        lock (_gate)
        {
            open = [.. _connections];
        }

        foreach (var c in open)
        {
            c.Abort();
        }
    }

    /// <summary>Refuses new connections (accepted and reset at once) until <see cref="Resume"/>; open ones stay.</summary>
    public void Pause() => _paused = true;

    /// <summary>Forwards new connections again.</summary>
    public void Resume() => _paused = false;

    /// <summary>
    /// When set, every chunk from the server goes through this function instead of the usual forwarding: it returns
    /// the chunks to send to the client in its place (none drops it, the same one twice replays it, a changed copy
    /// corrupts it). For hostile-server tests of secured channels, whose chunks the proxy cannot read.
    /// </summary>
    public Func<byte[], IReadOnlyList<byte[]>>? TamperServerChunk { get; set; }

    /// <summary>
    /// While true, every RepublishResponse is swallowed (and later chunks renumbered), so the client's Republish
    /// requests time out as if the server could not answer: what was lost stays lost.
    /// </summary>
    public bool DropRepublishResponses { get; set; }

    /// <summary>
    /// Arms the proxy to swallow the next single-chunk PublishResponse that carries notifications (not a keep-alive);
    /// the task completes with what was dropped. Calling it again before that returns the same task.
    /// </summary>
    public Task<UaTcpProxyDroppedPublish> DropNextPublishResponse()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            _drop ??= new TaskCompletionSource<UaTcpProxyDroppedPublish>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drop.Task;
        }
    }

    internal bool TryClaimDrop(UaTcpProxyDroppedPublish dropped)
    {
        TaskCompletionSource<UaTcpProxyDroppedPublish>? drop;
        lock (_gate)
        {
            drop = _drop;
            _drop = null;
        }

        return drop is not null && drop.TrySetResult(dropped);
    }

    internal void OnDataPublishResponse() => Interlocked.Increment(ref _dataPublishResponses);

    internal void OnProtocolError(string what) => Volatile.Write(ref _protocolError, what);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            if (_paused)
            {
                Interlocked.Increment(ref _refused);
                Trace.Add(0, "refused (paused)");
                UaTcpProxyConnection.CloseSocket(client, reset: true);
                continue;
            }

            lock (_gate)
            {
                _connecting.RemoveAll(t => t.IsCompleted);
                _connecting.Add(ConnectUpstreamAsync(client));
            }
        }
    }

    private async Task ConnectUpstreamAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(UpstreamConnectTimeout);
        try
        {
            await server.ConnectAsync(_upstream, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server is down: to the client this looks like a refused connection.
            Interlocked.Increment(ref _refused);
            Trace.Add(0, "refused (server unreachable)");
            UaTcpProxyConnection.CloseSocket(server, reset: true);
            UaTcpProxyConnection.CloseSocket(client, reset: true);
            return;
        }

        var number = Interlocked.Increment(ref _connectionNumber);
        Trace.Add(number, "connected");
        var connection = new UaTcpProxyConnection(this, number, client, server, _stop.Token);
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                connection.Abort();
                return;
            }

            _connections.Add(connection);
        }

        Interlocked.Increment(ref _accepted);
        try
        {
            await connection.Completion.ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(connection);
            }
        }
    }

    /// <summary>Stops accepting, resets every connection and waits (bounded) for the pumps to end.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] pending;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _stop.Cancel();
            _drop?.TrySetCanceled();
            _drop = null;
            pending = [_acceptLoop, .. _connecting];
        }

        _listener.Dispose();
        CutAllConnections();
        try
        {
            await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Sockets are closed; a pump that has not noticed yet holds nothing but a pooled buffer.
        }

        _stop.Dispose();
    }
}
