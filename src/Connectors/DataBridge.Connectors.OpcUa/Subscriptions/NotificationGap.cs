using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>
/// NotificationMessages that were missed and that the server could not republish (Part 4 §5.13.6: it answered, for
/// example, BadMessageNotAvailable): their notifications are lost, so the bridge writes a gap record for them.
/// </summary>
/// <param name="SubscriptionId">The subscription they belonged to.</param>
/// <param name="FirstSequenceNumber">The first missing NotificationMessage sequence number.</param>
/// <param name="LastSequenceNumber">The last missing NotificationMessage sequence number (inclusive).</param>
/// <param name="Reason">Why they could not be repaired.</param>
public sealed record NotificationGap(uint SubscriptionId, uint FirstSequenceNumber, uint LastSequenceNumber, StatusCode Reason);
