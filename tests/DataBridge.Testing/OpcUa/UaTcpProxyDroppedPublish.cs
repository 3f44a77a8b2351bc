namespace DataBridge.Testing.OpcUa;

/// <summary>A PublishResponse the proxy swallowed on the way to the client.</summary>
/// <param name="SubscriptionId">The subscription the NotificationMessage belongs to.</param>
/// <param name="SequenceNumber">The NotificationMessage's sequence number: the one the client must Republish.</param>
/// <param name="NotificationCount">How many NotificationData entries it carried (at least one).</param>
/// <param name="ChannelSequenceNumber">The secure channel sequence number of the dropped chunk; later chunks were renumbered to close the hole.</param>
public sealed record UaTcpProxyDroppedPublish(uint SubscriptionId, uint SequenceNumber, int NotificationCount, uint ChannelSequenceNumber);
