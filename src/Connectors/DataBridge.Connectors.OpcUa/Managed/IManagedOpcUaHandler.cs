using DataBridge.Connectors.OpcUa.Subscriptions;

namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>
/// What a <see cref="ManagedOpcUaClient"/> hands its consumer, one call at a time and in order. Each NotificationMessage
/// is acknowledged to the server only after <see cref="OnValuesAsync"/> (or <see cref="OnGapAsync"/>) completed, so a
/// consumer that stores before it returns loses nothing. An exception from a handler stops the client: RunAsync rethrows it.
/// </summary>
public interface IManagedOpcUaHandler
{
    /// <summary>The values of one NotificationMessage, per client handle.</summary>
    ValueTask OnValuesAsync(IReadOnlyList<ItemNotification> values, CancellationToken cancellationToken);

    /// <summary>Notifications known to be lost, in sequence with the values.</summary>
    ValueTask OnGapAsync(OpcUaGap gap, CancellationToken cancellationToken);

    /// <summary>Items that are not monitored after a subscription was created (not found, refused); once per creation.</summary>
    ValueTask OnItemsUnavailableAsync(IReadOnlyList<OpcUaItemStatus> items, CancellationToken cancellationToken);

    /// <summary>
    /// The connection has been down for longer than the subscription's lifetime: the server has dropped what it
    /// queued, so the items' values are unknown now. Called once per outage.
    /// </summary>
    ValueTask OnOutageAsync(TimeSpan disconnectedFor, CancellationToken cancellationToken);

    /// <summary>After a new subscription was set up: what the server says about each resolved item (data type, units, ranges).</summary>
    ValueTask OnNodesDescribedAsync(IReadOnlyList<OpcUaNodeResolution> resolutions, IReadOnlyList<OpcUaNodeDescription> descriptions, CancellationToken cancellationToken);
}
