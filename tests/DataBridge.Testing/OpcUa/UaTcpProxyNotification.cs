using DataBridge.Core;

namespace DataBridge.Testing.OpcUa;

/// <summary>One data change the server sent through the proxy.</summary>
/// <param name="SubscriptionId">The subscription (0 for a Republish response, which does not name it).</param>
/// <param name="SequenceNumber">The NotificationMessage it travelled in.</param>
/// <param name="ClientHandle">The monitored item's client handle.</param>
/// <param name="Value">The value as decoded (boxed scalar or array), null for an empty Variant.</param>
/// <param name="Status">The value's StatusCode.</param>
/// <param name="Republished">True when it came in a Republish response.</param>
/// <param name="Forwarded">False when the proxy dropped the response on purpose.</param>
public sealed record UaTcpProxyNotification(uint SubscriptionId, uint SequenceNumber, uint ClientHandle, object? Value, StatusCode Status, bool Republished, bool Forwarded);
