using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>
/// Notifications the managed client knows are lost: it hands this over in sequence with the values, so the consumer
/// can record the hole where it happened.
/// </summary>
/// <param name="Reason">Why they are lost.</param>
/// <param name="Messages">How many NotificationMessages are lost (how many values they held is unknown).</param>
/// <param name="SubscriptionId">The subscription they belonged to.</param>
/// <param name="FirstSequenceNumber">The first lost NotificationMessage (RepublishFailed only).</param>
/// <param name="LastSequenceNumber">The last lost NotificationMessage (RepublishFailed only).</param>
/// <param name="Status">The server's status for the loss (e.g. BadMessageNotAvailable, BadSubscriptionIdInvalid).</param>
public sealed record OpcUaGap(OpcUaGapReason Reason, long Messages, uint SubscriptionId, uint FirstSequenceNumber, uint LastSequenceNumber, StatusCode Status);
