using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>What the server made of one <see cref="MonitoredItemDefinition"/>.</summary>
/// <param name="ClientHandle">The client's handle for the item.</param>
/// <param name="MonitoredItemId">The server's id for the item (0 when creation failed).</param>
/// <param name="Status">Good, or why the item was not created (e.g. BadNodeIdUnknown, BadFilterNotAllowed).</param>
/// <param name="RevisedSamplingInterval">The sampling interval the server chose.</param>
/// <param name="RevisedQueueSize">The queue size the server chose.</param>
public readonly record struct MonitoredItemState(uint ClientHandle, uint MonitoredItemId, StatusCode Status, TimeSpan RevisedSamplingInterval, uint RevisedQueueSize);
