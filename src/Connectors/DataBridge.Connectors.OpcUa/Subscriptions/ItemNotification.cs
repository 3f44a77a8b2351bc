using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>One changed value of one monitored item: the item's client handle and the value as a <see cref="Core.Sample"/>.</summary>
/// <param name="ClientHandle">The handle given in <see cref="MonitoredItemDefinition.ClientHandle"/>.</param>
/// <param name="Sample">Value, StatusCode, and the server's source and server timestamps.</param>
public readonly record struct ItemNotification(uint ClientHandle, Sample Sample);
