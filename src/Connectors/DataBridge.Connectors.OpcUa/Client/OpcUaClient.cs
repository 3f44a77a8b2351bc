using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>
/// A read-only OPC UA client session: one secure channel (UA-TCP; None, Sign or SignAndEncrypt), one anonymous session, the
/// server's namespace table, and a keep-alive. Browse, TranslateBrowsePaths, Read and discovery are its whole
/// vocabulary; it has no way to write to, call or modify a server. Thread-safe: many calls may be in flight at once.
/// </summary>
public sealed partial class OpcUaClient : IAsyncDisposable
{
    private readonly SecureChannel _channel;
    private readonly ServiceInvoker _invoker;
    private readonly OpcUaClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _keepAlive = Task.CompletedTask;
    private CreateSessionResponse? _created;
    private byte[]? _serverNonce;
    private NamespaceTable _namespaces = new(["http://opcfoundation.org/UA/"]);
    private Exception? _connectionError;
    private int _disposed;
    private int _browseNextCalls;
    private int _keepAliveReads;

    private OpcUaClient(SecureChannel channel, OpcUaClientOptions options, TimeProvider time, ILogger logger)
    {
        _channel = channel;
        _invoker = new ServiceInvoker(channel, time);
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised once when the connection is lost (keep-alive failed or the channel broke); the client is then unusable.</summary>
    public event EventHandler<OpcUaConnectionLostEventArgs>? ConnectionLost;

    /// <summary>The endpoint URL the client connected to.</summary>
    public string EndpointUrl => _channel.Address.Url;

    /// <summary>The server's namespaces at connect time (refresh with <see cref="RefreshNamespacesAsync"/>).</summary>
    public NamespaceTable Namespaces => Volatile.Read(ref _namespaces);

    /// <summary>The session's id (public, unlike its authentication token).</summary>
    public NodeId SessionId { get; private set; }

    /// <summary>The session timeout the server granted.</summary>
    public TimeSpan RevisedSessionTimeout { get; private set; }

    /// <summary>The endpoints the server returned in CreateSession.</summary>
    public IReadOnlyList<EndpointDescription> ServerEndpoints { get; private set; } = [];

    /// <summary>The security policy and mode this client connected with, and whether they were chosen automatically.</summary>
    public SecuritySelection Security { get; private init; } = SecuritySelection.None;

    /// <summary>The secure channel's current security token.</summary>
    public SecurityTokenInfo SecurityToken => _channel.Token;

    /// <summary>How many times the secure channel token was renewed.</summary>
    public int TokenRenewals => _channel.RenewalCount;

    /// <summary>Whether the connection is still usable.</summary>
    public bool IsConnected => Volatile.Read(ref _connectionError) is null && _channel.Fault is null;

    /// <summary>Why the connection was lost, or null.</summary>
    public Exception? ConnectionError => Volatile.Read(ref _connectionError) ?? _channel.Fault;

    /// <summary>BrowseNext calls made (diagnostics and tests).</summary>
    internal int BrowseNextCalls => Volatile.Read(ref _browseNextCalls);

    /// <summary>Successful keep-alive reads (diagnostics and tests).</summary>
    internal int KeepAliveReads => Volatile.Read(ref _keepAliveReads);

    /// <summary>
    /// The session's service invoker: RequestHeaders with the authentication token, ServiceFault handling. The
    /// subscription services (CreateSubscription, Publish, Republish) build on it inside this assembly.
    /// </summary>
    internal ServiceInvoker Invoker => _invoker;

    /// <summary>The channel (tests inspect limits and pending requests).</summary>
    internal SecureChannel Channel => _channel;

    /// <summary>Resolves <c>nsu=…;s=…</c>, <c>ns=…;i=…</c> or <c>i=…</c> against this server's namespace table.</summary>
    public NodeId ResolveNodeId(string text) => Namespaces.Resolve(text);

    /// <summary>The stable text form (<c>nsu=</c>) of a node id of this server.</summary>
    public string FormatNodeId(NodeId nodeId) => Namespaces.Format(nodeId);

    /// <summary>Closes the session (deleting its subscriptions) and the secure channel.</summary>
    public ValueTask DisposeAsync() => CloseAsync(closeSession: true);

    /// <summary>
    /// Drops the connection without closing the session, so its subscriptions stay on the server until their lifetime
    /// ends and a new session can take them over with TransferSubscriptions (Part 4 §5.13.7). For reconnects after a
    /// stalled or broken connection.
    /// </summary>
    public ValueTask AbandonAsync() => CloseAsync(closeSession: false);

    private async ValueTask CloseAsync(bool closeSession)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _keepAlive.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (closeSession && IsConnected)
        {
            try
            {
                await SessionServices.CloseSessionAsync(_invoker, TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(false);
            }
            catch (OpcUaException ex) when (ex.IsTransient)
            {
                _logger.LogDebug(ex, "CloseSession on {Endpoint} failed", EndpointUrl);
            }
        }

        await _channel.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static ILogger DefaultLogger(ILogger? logger) => logger ?? NullLogger.Instance;
}
