using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>
/// A subscription on the server (Part 4 §5.13), created by <see cref="SubscriptionEngine.CreateSubscriptionAsync"/>
/// or adopted by <see cref="SubscriptionEngine.TransferSubscriptionsAsync"/>. Its notifications reach the engine's
/// consumer; this object adds, removes and tunes what it monitors.
/// </summary>
public sealed class OpcUaSubscription
{
    private readonly SubscriptionEngine _engine;

    internal OpcUaSubscription(SubscriptionEngine engine, uint id, SubscriptionSettings settings, TimeSpan publishingInterval, uint lifetimeCount, uint keepAliveCount)
    {
        _engine = engine;
        Id = id;
        Settings = settings;
        RevisedPublishingInterval = publishingInterval;
        RevisedLifetimeCount = lifetimeCount;
        RevisedMaxKeepAliveCount = keepAliveCount;
    }

    /// <summary>The engine that runs it.</summary>
    internal SubscriptionEngine Engine => _engine;

    /// <summary>The server's subscription id (keep it to transfer the subscription to a new session).</summary>
    public uint Id { get; }

    /// <summary>What was asked for.</summary>
    public SubscriptionSettings Settings { get; private set; }

    /// <summary>The publishing interval the server granted.</summary>
    public TimeSpan RevisedPublishingInterval { get; private set; }

    /// <summary>The lifetime count the server granted.</summary>
    public uint RevisedLifetimeCount { get; private set; }

    /// <summary>The keep-alive count the server granted.</summary>
    public uint RevisedMaxKeepAliveCount { get; private set; }

    /// <summary>
    /// Creates monitored items in batches within the server's MaxMonitoredItemsPerCall. One state per definition, in
    /// order; an item the server refused has a Bad <see cref="MonitoredItemState.Status"/> (the others are created).
    /// </summary>
    public async Task<IReadOnlyList<MonitoredItemState>> CreateMonitoredItemsAsync(IReadOnlyList<MonitoredItemDefinition> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var requests = new MonitoredItemCreateRequest[items.Count];
        for (var i = 0; i < requests.Length; i++)
        {
            requests[i] = ToRequest(items[i]);
        }

        var batch = await _engine.MonitoredItemsPerCallAsync(cancellationToken).ConfigureAwait(false);
        var results = await MonitoredItemServices.CreateAsync(_engine.Invoker, Id, requests, batch, cancellationToken).ConfigureAwait(false);
        var states = new MonitoredItemState[results.Length];
        for (var i = 0; i < states.Length; i++)
        {
            var r = results[i];
            states[i] = new MonitoredItemState(items[i].ClientHandle, r.MonitoredItemId, r.StatusCode, TimeSpan.FromMilliseconds(Math.Max(0, r.RevisedSamplingInterval)), r.RevisedQueueSize);
        }

        return states;
    }

    /// <summary>Deletes monitored items by their server ids; one status per id, in order.</summary>
    public async Task<IReadOnlyList<StatusCode>> DeleteMonitoredItemsAsync(IReadOnlyList<uint> monitoredItemIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(monitoredItemIds);
        var batch = await _engine.MonitoredItemsPerCallAsync(cancellationToken).ConfigureAwait(false);
        return await MonitoredItemServices.DeleteAsync(_engine.Invoker, Id, [.. monitoredItemIds], batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes the publishing interval and counts (ModifySubscription, Part 4 §5.13.3).</summary>
    public async Task ModifyAsync(SubscriptionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var r = await SubscriptionServices.ModifyAsync(_engine.Invoker, Id, settings.PublishingInterval.TotalMilliseconds, settings.LifetimeCount, settings.MaxKeepAliveCount, settings.MaxNotificationsPerPublish, settings.Priority, cancellationToken).ConfigureAwait(false);
        Settings = settings;
        RevisedPublishingInterval = TimeSpan.FromMilliseconds(r.RevisedPublishingInterval);
        RevisedLifetimeCount = r.RevisedLifetimeCount;
        RevisedMaxKeepAliveCount = r.RevisedMaxKeepAliveCount;
        _engine.Revise(Id, RevisedPublishingInterval, RevisedMaxKeepAliveCount);
    }

    /// <summary>Deletes the subscription on the server and stops tracking it.</summary>
    public Task DeleteAsync(CancellationToken cancellationToken = default) => _engine.DeleteSubscriptionAsync(this, cancellationToken);

    internal static MonitoredItemCreateRequest ToRequest(MonitoredItemDefinition item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentOutOfRangeException.ThrowIfLessThan(item.SamplingInterval, TimeSpan.Zero, nameof(item.SamplingInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(item.DeadbandValue, nameof(item.DeadbandValue));
        return new MonitoredItemCreateRequest
        {
            ItemToMonitor = new ReadValueId { NodeId = item.NodeId, AttributeId = AttributeIds.Value },
            MonitoringMode = MonitoringMode.Reporting,
            RequestedParameters = new MonitoringParameters
            {
                ClientHandle = item.ClientHandle,
                SamplingInterval = item.SamplingInterval.TotalMilliseconds,
                QueueSize = item.QueueSize,
                DiscardOldest = item.DiscardOldest,
                Filter = item.NeedsFilter
                    ? new ExtensionObject(new DataChangeFilter { Trigger = item.Trigger, DeadbandType = (uint)item.Deadband, DeadbandValue = item.DeadbandValue })
                    : default,
            },
        };
    }
}
