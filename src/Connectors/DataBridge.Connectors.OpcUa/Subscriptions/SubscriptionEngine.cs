using System.Collections.Concurrent;
using System.Threading.Channels;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>
/// Runs the subscriptions of one session: keeps several Publish requests outstanding (Part 4 §5.13.5), hands every
/// NotificationMessage to the consumer in sequence-number order per subscription, acknowledges a message only after
/// the consumer's callback for it has completed, repairs missing sequence numbers with Republish (§5.13.6) and
/// reports what cannot be repaired as a gap, and raises <see cref="Stalled"/> when a subscription falls silent.
/// One engine per <see cref="OpcUaClient"/>; after a reconnect, a new engine adopts the old subscriptions with
/// <see cref="TransferSubscriptionsAsync"/>.
/// </summary>
public sealed partial class SubscriptionEngine : IAsyncDisposable
{
    private readonly OpcUaClient _client;
    private readonly Func<SubscriptionNotificationBatch, CancellationToken, ValueTask> _consumer;
    private readonly SubscriptionEngineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<uint, SubscriptionState> _subscriptions = new();
    private readonly Channel<PublishResponse> _responses = Channel.CreateUnbounded<PublishResponse>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _dispatchLoop;
    private readonly Task _sendLoop;
    private readonly Task _watchdog;
    private int _monitoredItemsPerCall;
    private int _disposed;

    /// <summary>
    /// Starts an engine on a connected client. <paramref name="consumer"/> receives every batch, one at a time, in
    /// sequence order per subscription; a message is acknowledged to the server only after the returned task
    /// completes (the bridge's "on disk before ack" seam). An exception from the consumer stops delivery and is
    /// reported by <see cref="Faulted"/>; nothing it did not take is acknowledged.
    /// </summary>
    public SubscriptionEngine(OpcUaClient client, Func<SubscriptionNotificationBatch, CancellationToken, ValueTask> consumer, SubscriptionEngineOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(consumer);
        _options = options ?? SubscriptionEngineOptions.Default;
        _options.Validate();
        _client = client;
        _consumer = consumer;
        _time = client.Time;
        _logger = logger ?? NullLogger.Instance;
        _targetRequests = _options.InitialPublishRequests;
        _ceiling = _options.MaxPublishRequests;
        _dispatchLoop = Task.Run(() => DispatchLoopAsync(_stopping.Token));
        _sendLoop = Task.Run(() => SendLoopAsync(_stopping.Token));
        _watchdog = Task.Run(() => WatchdogLoopAsync(_stopping.Token));
    }

    /// <summary>Raised (once per silence) when a subscription hears nothing for longer than its keep-alive period allows.</summary>
    public event EventHandler<SubscriptionStalledEventArgs>? Stalled;

    /// <summary>Raised once when the engine stops for good: the consumer threw, or the session or channel failed.</summary>
    public event EventHandler<Exception>? Faulted;

    /// <summary>The failure that stopped the engine, or null while it runs.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>The ids of the subscriptions this engine runs.</summary>
    public IReadOnlyCollection<uint> SubscriptionIds => [.. _subscriptions.Keys];

    internal ServiceInvoker Invoker => _client.Invoker;

    /// <summary>
    /// Creates a subscription (Part 4 §5.13.2) with publishing enabled; Publish requests start flowing at once. Add
    /// items with <see cref="OpcUaSubscription.CreateMonitoredItemsAsync"/>.
    /// </summary>
    public async Task<OpcUaSubscription> CreateSubscriptionAsync(SubscriptionSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= SubscriptionSettings.Default;
        settings.Validate();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var r = await SubscriptionServices.CreateAsync(Invoker, settings.PublishingInterval.TotalMilliseconds, settings.LifetimeCount, settings.MaxKeepAliveCount, settings.MaxNotificationsPerPublish, settings.Priority, cancellationToken).ConfigureAwait(false);
        var interval = TimeSpan.FromMilliseconds(r.RevisedPublishingInterval);
        _subscriptions[r.SubscriptionId] = new SubscriptionState(r.SubscriptionId, interval, r.RevisedMaxKeepAliveCount, _time.GetUtcNow());
        Wake();
        return new OpcUaSubscription(this, r.SubscriptionId, settings, interval, r.RevisedLifetimeCount, r.RevisedMaxKeepAliveCount);
    }

    /// <summary>
    /// Moves subscriptions of a lost session to this engine's session (TransferSubscriptions, Part 4 §5.13.7, with
    /// sendInitialValues so the consumer sees the present state). Sequence tracking continues where the old engine
    /// stopped, so messages missed during the outage are republished or reported as a gap. The result names the
    /// subscriptions the server no longer has; the caller recreates those.
    /// </summary>
    public async Task<SubscriptionTransferResult> TransferSubscriptionsAsync(IReadOnlyList<OpcUaSubscription> subscriptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        var ids = new uint[subscriptions.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = subscriptions[i].Id;
        }

        var results = await SubscriptionServices.TransferAsync(Invoker, ids, sendInitialValues: true, cancellationToken).ConfigureAwait(false);
        var transferred = new List<OpcUaSubscription>();
        var lost = new List<LostSubscription>();
        for (var i = 0; i < ids.Length; i++)
        {
            var old = subscriptions[i];
            if (results[i].StatusCode.IsBad)
            {
                lost.Add(new LostSubscription(old.Id, results[i].StatusCode));
                continue;
            }

            var state = Adopt(old);
            AcknowledgeDelivered(state, results[i].AvailableSequenceNumbers);
            transferred.Add(new OpcUaSubscription(this, old.Id, old.Settings, old.RevisedPublishingInterval, old.RevisedLifetimeCount, old.RevisedMaxKeepAliveCount));
        }

        Wake();
        return new SubscriptionTransferResult(transferred, lost);
    }

    /// <summary>
    /// Continues subscriptions whose session this engine's client re-activated on a new channel
    /// (<see cref="OpcUaClient.ReactivateAsync"/>): they still belong to the session, so no service call is needed;
    /// sequence tracking goes on where the old engine stopped, and what went missing meanwhile is republished (the
    /// next message or keep-alive shows the hole) or reported as a gap.
    /// </summary>
    public IReadOnlyList<OpcUaSubscription> ResumeSubscriptions(IReadOnlyList<OpcUaSubscription> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var resumed = new List<OpcUaSubscription>(subscriptions.Count);
        foreach (var old in subscriptions)
        {
            Adopt(old);
            resumed.Add(new OpcUaSubscription(this, old.Id, old.Settings, old.RevisedPublishingInterval, old.RevisedLifetimeCount, old.RevisedMaxKeepAliveCount));
        }

        Wake();
        return resumed;
    }

    private SubscriptionState Adopt(OpcUaSubscription old)
    {
        var state = new SubscriptionState(old.Id, old.RevisedPublishingInterval, old.RevisedMaxKeepAliveCount, _time.GetUtcNow())
        {
            Expected = old.Engine.ExpectedSequence(old.Id),
        };
        state.SeenUpTo = state.Expected - 1;
        _subscriptions[old.Id] = state;
        return state;
    }

    /// <summary>Stops the engine (outstanding Publish requests are abandoned; subscriptions stay on the server).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _responses.Writer.TryComplete();
        Wake();
        foreach (var loop in new[] { _sendLoop, _dispatchLoop, _watchdog })
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stopping.Dispose();
    }

    internal async Task DeleteSubscriptionAsync(OpcUaSubscription subscription, CancellationToken cancellationToken)
    {
        _subscriptions.TryRemove(subscription.Id, out _);
        var results = await SubscriptionServices.DeleteAsync(Invoker, [subscription.Id], cancellationToken).ConfigureAwait(false);
        if (results[0].IsBad)
        {
            throw new OpcUaServiceException("DeleteSubscriptions", results[0], $"subscription {subscription.Id}");
        }
    }

    internal void Revise(uint id, TimeSpan publishingInterval, uint keepAliveCount)
    {
        if (_subscriptions.TryGetValue(id, out var state))
        {
            state.PublishingInterval = publishingInterval;
            state.KeepAliveCount = keepAliveCount;
        }
    }

    internal uint ExpectedSequence(uint id) => _subscriptions.TryGetValue(id, out var state) ? state.Expected : 0;

    /// <summary>The server's MaxMonitoredItemsPerCall (Part 5 §6.3.11), read once; the option's value when unstated or lower.</summary>
    internal async Task<int> MonitoredItemsPerCallAsync(CancellationToken cancellationToken)
    {
        var known = Volatile.Read(ref _monitoredItemsPerCall);
        if (known > 0)
        {
            return known;
        }

        var limit = _options.MaxMonitoredItemsPerCall;
        try
        {
            var value = await _client.ReadValueAsync(new NodeId(VariableIds.Server_ServerCapabilities_OperationLimits_MaxMonitoredItemsPerCall), cancellationToken).ConfigureAwait(false);
            if (value.Status.IsGood && value.Value.Type == BuiltInType.UInt32 && !value.Value.IsArray && value.Value.GetUInt32() is > 0 and var stated)
            {
                limit = (int)Math.Min(stated, (uint)limit);
            }
        }
        catch (OpcUaServiceException ex)
        {
            _logger.LogDebug(ex, "MaxMonitoredItemsPerCall not readable on {Endpoint}; using {Limit}", _client.EndpointUrl, limit);
        }

        Volatile.Write(ref _monitoredItemsPerCall, limit);
        return limit;
    }
}
