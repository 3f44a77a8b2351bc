using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>What <see cref="SubscriptionEngine.TransferSubscriptionsAsync"/> achieved.</summary>
/// <param name="Transferred">Subscriptions now running on the new session (same ids).</param>
/// <param name="Lost">Subscriptions the server no longer has (e.g. BadSubscriptionIdInvalid): recreate them.</param>
public sealed record SubscriptionTransferResult(IReadOnlyList<OpcUaSubscription> Transferred, IReadOnlyList<LostSubscription> Lost);

/// <summary>A subscription that could not be transferred.</summary>
/// <param name="SubscriptionId">Its id on the old session.</param>
/// <param name="Status">Why (e.g. BadSubscriptionIdInvalid when the server deleted it).</param>
public sealed record LostSubscription(uint SubscriptionId, StatusCode Status);
