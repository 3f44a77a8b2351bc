using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Services;

/// <summary>
/// The Subscription service set (Part 4 §5.13): create, modify, delete, transfer, publish and republish. Typed calls
/// only; sequencing, acknowledgement and pipelining policy live in the subscription engine.
/// </summary>
internal static class SubscriptionServices
{
    /// <summary>CreateSubscription (Part 4 §5.13.2); the server revises interval and counts.</summary>
    public static Task<CreateSubscriptionResponse> CreateAsync(ServiceInvoker invoker, double publishingInterval, uint lifetimeCount, uint maxKeepAliveCount, uint maxNotificationsPerPublish, byte priority, CancellationToken cancellationToken)
    {
        var timeout = invoker.DefaultTimeout;
        var request = new CreateSubscriptionRequest
        {
            RequestHeader = invoker.CreateHeader(timeout),
            RequestedPublishingInterval = publishingInterval,
            RequestedLifetimeCount = lifetimeCount,
            RequestedMaxKeepAliveCount = maxKeepAliveCount,
            MaxNotificationsPerPublish = maxNotificationsPerPublish,
            PublishingEnabled = true,
            Priority = priority,
        };
        return invoker.CallAsync<CreateSubscriptionResponse>("CreateSubscription", request, static r => r.ResponseHeader, timeout, cancellationToken);
    }

    /// <summary>ModifySubscription (Part 4 §5.13.3).</summary>
    public static Task<ModifySubscriptionResponse> ModifyAsync(ServiceInvoker invoker, uint subscriptionId, double publishingInterval, uint lifetimeCount, uint maxKeepAliveCount, uint maxNotificationsPerPublish, byte priority, CancellationToken cancellationToken)
    {
        var timeout = invoker.DefaultTimeout;
        var request = new ModifySubscriptionRequest
        {
            RequestHeader = invoker.CreateHeader(timeout),
            SubscriptionId = subscriptionId,
            RequestedPublishingInterval = publishingInterval,
            RequestedLifetimeCount = lifetimeCount,
            RequestedMaxKeepAliveCount = maxKeepAliveCount,
            MaxNotificationsPerPublish = maxNotificationsPerPublish,
            Priority = priority,
        };
        return invoker.CallAsync<ModifySubscriptionResponse>("ModifySubscription", request, static r => r.ResponseHeader, timeout, cancellationToken);
    }

    /// <summary>DeleteSubscriptions (Part 4 §5.13.8); one status per id, in order.</summary>
    public static async Task<StatusCode[]> DeleteAsync(ServiceInvoker invoker, uint[] subscriptionIds, CancellationToken cancellationToken)
    {
        var timeout = invoker.DefaultTimeout;
        var request = new DeleteSubscriptionsRequest { RequestHeader = invoker.CreateHeader(timeout), SubscriptionIds = subscriptionIds };
        var response = await invoker.CallAsync<DeleteSubscriptionsResponse>("DeleteSubscriptions", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
        return CheckCount("DeleteSubscriptions", response.Results, subscriptionIds.Length);
    }

    /// <summary>TransferSubscriptions (Part 4 §5.13.7); one result per id, in order.</summary>
    public static async Task<TransferResult[]> TransferAsync(ServiceInvoker invoker, uint[] subscriptionIds, bool sendInitialValues, CancellationToken cancellationToken)
    {
        var timeout = invoker.DefaultTimeout;
        var request = new TransferSubscriptionsRequest { RequestHeader = invoker.CreateHeader(timeout), SubscriptionIds = subscriptionIds, SendInitialValues = sendInitialValues };
        var response = await invoker.CallAsync<TransferSubscriptionsResponse>("TransferSubscriptions", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
        return CheckCount("TransferSubscriptions", response.Results, subscriptionIds.Length);
    }

    /// <summary>
    /// Publish (Part 4 §5.13.5): the server holds the request until it has a NotificationMessage or a keep-alive, so
    /// the timeout must outlast the longest keep-alive period of any subscription.
    /// </summary>
    public static Task<PublishResponse> PublishAsync(ServiceInvoker invoker, SubscriptionAcknowledgement[] acknowledgements, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new PublishRequest { RequestHeader = invoker.CreateHeader(timeout), SubscriptionAcknowledgements = acknowledgements };
        return invoker.CallAsync<PublishResponse>("Publish", request, static r => r.ResponseHeader, timeout, cancellationToken);
    }

    /// <summary>Republish (Part 4 §5.13.6): one NotificationMessage from the server's retransmission queue.</summary>
    public static async Task<NotificationMessage> RepublishAsync(ServiceInvoker invoker, uint subscriptionId, uint sequenceNumber, CancellationToken cancellationToken)
    {
        var timeout = invoker.DefaultTimeout;
        var request = new RepublishRequest { RequestHeader = invoker.CreateHeader(timeout), SubscriptionId = subscriptionId, RetransmitSequenceNumber = sequenceNumber };
        var response = await invoker.CallAsync<RepublishResponse>("Republish", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
        return response.NotificationMessage;
    }

    internal static T[] CheckCount<T>(string service, T[]? results, int expected)
    {
        if (results is null || results.Length != expected)
        {
            throw new OpcUaServiceException(service, StatusCodes.BadUnexpectedError, $"the server returned {results?.Length ?? 0} results for {expected} operations");
        }

        return results;
    }
}
