using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Subscriptions;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>
/// An OPC UA connection that stays up by itself (in the spirit of MQTTnet's managed client): one subscription holds
/// every item, and its values go to an <see cref="IManagedOpcUaHandler"/>, each NotificationMessage acknowledged only
/// after the handler returned. When the connection breaks or the subscription falls silent it reconnects with backoff;
/// it first re-activates the old session on a new channel (Part 4 §6.7), else takes the subscription over with
/// TransferSubscriptions (Part 4 §5.13.7), and when the server lost the subscription (a restart) it hands over a gap
/// and creates it again. Holes in the sequence are repaired with Republish or handed over as gaps; items whose node
/// was missing or refused are tried again while connected.
/// </summary>
public sealed partial class ManagedOpcUaClient : IDisposable
{
    private readonly string _endpoint;
    private readonly IReadOnlyList<ManagedMonitoredItem> _items;
    private readonly IManagedOpcUaHandler _handler;
    private readonly ManagedOpcUaClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _connectRetry;
    private readonly HashSet<int> _dead = [];
    private readonly SemaphoreSlim _sessionGate = new(1, 1);
    private OpcUaSubscription? _subscription;
    private OpcUaClient? _client;
    private OpcUaClient? _previousClient;
    private Encoding.Types.NodeId _subscriptionSession;
    private IReadOnlyList<OpcUaNodeResolution> _resolutions = [];
    private CancellationToken _running;
    private Exception? _consumerFault;
    private long _reconnects;
    private long _reactivations;
    private long _transfers;
    private long _recreations;
    private string? _problem;
    private DateTimeOffset _disconnectedSince;
    private bool _outageReported;
    private bool _lostSinceConnected;

    /// <summary>Creates the client; <see cref="RunAsync"/> connects.</summary>
    /// <param name="endpoint">The server's endpoint URL (<c>opc.tcp://host:port/path</c>).</param>
    /// <param name="items">The items to monitor; an item's client handle is its index in this list.</param>
    /// <param name="handler">Receives values, gaps and statuses, one call at a time.</param>
    /// <param name="options">Connection, subscription and retry settings.</param>
    /// <param name="time">The clock for backoff, timeouts and outage detection.</param>
    /// <param name="logger">Where connection changes are logged.</param>
    public ManagedOpcUaClient(string endpoint, IReadOnlyList<ManagedMonitoredItem> items, IManagedOpcUaHandler handler, ManagedOpcUaClientOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(handler);
        _endpoint = endpoint;
        _items = items;
        _handler = handler;
        _options = options ?? ManagedOpcUaClientOptions.Default;
        _options.Validate();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _connectRetry = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.ReconnectDelay,
                MaxDelay = _options.MaxReconnectDelay,
                OnRetry = args =>
                {
                    // Loud for the first failures and then every 20th, so an hour-long outage does not flood the log.
                    var level = args.AttemptNumber < 3 || args.AttemptNumber % 20 == 0 ? LogLevel.Warning : LogLevel.Debug;
                    SetDown($"cannot connect to {_endpoint}: {args.Outcome.Exception?.Message}");
                    _logger.Log(level, "{Client}: cannot connect to {Endpoint} ({Error}); attempt {Attempt} failed, next in {Delay}.", _options.Name, _endpoint, args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay);

                    // Between attempts no engine runs, so nothing else calls the handler meanwhile.
                    return ReportOutageIfDueAsync(args.Context.CancellationToken);
                },
            })
            .Build();
    }

    /// <summary>Raised when the connection goes up or down (on the thread that noticed; keep handlers short).</summary>
    public event EventHandler<OpcUaConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>Raised on every new session after the items' nodes were resolved (before the subscription is set up).</summary>
    public event EventHandler<OpcUaNodesResolvedEventArgs>? NodesResolved;

    /// <summary>Raised when items that were not monitored are monitored now.</summary>
    public event EventHandler<OpcUaItemsRecoveredEventArgs>? ItemsRecovered;

    /// <summary>The endpoint URL.</summary>
    public string Endpoint => _endpoint;

    /// <summary>Reconnects after the first successful connection.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Sessions re-activated on a new channel, keeping their subscription (Part 4 §6.7).</summary>
    public long Reactivations => Interlocked.Read(ref _reactivations);

    /// <summary>Subscriptions taken over by a new session with TransferSubscriptions.</summary>
    public long Transfers => Interlocked.Read(ref _transfers);

    /// <summary>Subscriptions created again because the server had lost them.</summary>
    public long Recreations => Interlocked.Read(ref _recreations);

    /// <summary>Whether a session with a live subscription is up now.</summary>
    public bool IsConnected => Volatile.Read(ref _client) is { IsConnected: true };

    /// <summary>Why the connection is down (the last failure), or null before any failure.</summary>
    public string? Problem => Volatile.Read(ref _problem);

    /// <summary>
    /// Connects and keeps the subscription alive until <paramref name="cancellationToken"/> ends; then closes the session
    /// (deleting the subscription) and returns. Throws what a handler threw, or a non-transient connect failure.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _running = cancellationToken;
        var deadItems = DeadItemLoopAsync(cancellationToken);
        _disconnectedSince = _time.GetUtcNow();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var session = await _connectRetry.ExecuteAsync(static (self, ct) => new ValueTask<Session>(self.OpenSessionAsync(ct)), this, cancellationToken).ConfigureAwait(false);
                var reason = await session.WaitUntilLostAsync(cancellationToken).ConfigureAwait(false);
                if (reason is null)
                {
                    await session.CloseAsync().ConfigureAwait(false);
                    _logger.LogInformation("{Client}: stopped; session on {Endpoint} closed and its subscription deleted.", _options.Name, _endpoint);
                    break;
                }

                _logger.LogWarning("{Client}: {Reason}; reconnecting to {Endpoint} and taking subscription {SubscriptionId} over.", _options.Name, reason, _endpoint, _subscription?.Id);
                _disconnectedSince = _time.GetUtcNow();
                SetDown(reason);
                Interlocked.Increment(ref _reconnects);
                await session.AbandonAsync().ConfigureAwait(false);
                if (Volatile.Read(ref _consumerFault) is { } fault)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Volatile.Write(ref _client, null);
            try
            {
                await deadItems.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static bool IsTransient(Exception ex) =>
        ex is OpcUaException { IsTransient: true } or IOException
        // Not transient, yet retried: the fix happens outside this process (`databridge certs trust`, a new password file),
        // and the next attempt must pick it up without a restart.
        or Security.OpcUaCertificateException or Security.Identity.UserIdentityException
        or System.Net.Sockets.SocketException or TimeoutException
        || (ex is OperationCanceledException && ex.InnerException is TimeoutException);

    private void SetDown(string problem)
    {
        Volatile.Write(ref _problem, problem);
        StateChanged?.Invoke(this, new OpcUaConnectionStateChangedEventArgs(OpcUaConnectionState.Down, OpcUaSessionOutcome.None, problem));
    }

    /// <summary>
    /// Once cut off for longer than the subscription's lifetime, the server has dropped the subscription and what it
    /// queued: the handler hears it once. Earlier would be wrong: a transfer may still deliver everything.
    /// </summary>
    private async ValueTask ReportOutageIfDueAsync(CancellationToken cancellationToken)
    {
        var settings = _options.Subscription;
        var lifetime = _subscription is { } s ? s.RevisedPublishingInterval * s.RevisedLifetimeCount : settings.PublishingInterval * settings.LifetimeCount;
        var down = _time.GetUtcNow() - _disconnectedSince;
        if (_outageReported || down < lifetime)
        {
            return;
        }

        _outageReported = true;
        await _handler.OnOutageAsync(down, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Frees the session gate; call after <see cref="RunAsync"/> returned.</summary>
    public void Dispose() => _sessionGate.Dispose();
}
