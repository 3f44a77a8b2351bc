using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Services;

/// <summary>
/// The MonitoredItem service set (Part 4 §5.12), create and delete. Requests larger than the server's
/// MaxMonitoredItemsPerCall (Part 5 §6.3.11 OperationLimits) are split into batches sent one after another, so a
/// server that counts items per session sees them arrive in a predictable order.
/// </summary>
internal static class MonitoredItemServices
{
    /// <summary>CreateMonitoredItems in batches of at most <paramref name="batchSize"/>; results in request order.</summary>
    public static async Task<MonitoredItemCreateResult[]> CreateAsync(ServiceInvoker invoker, uint subscriptionId, MonitoredItemCreateRequest[] items, int batchSize, CancellationToken cancellationToken)
    {
        var results = new MonitoredItemCreateResult[items.Length];
        for (var start = 0; start < items.Length; start += batchSize)
        {
            var batch = items[start..Math.Min(items.Length, start + batchSize)];
            var timeout = invoker.DefaultTimeout;
            var request = new CreateMonitoredItemsRequest
            {
                RequestHeader = invoker.CreateHeader(timeout),
                SubscriptionId = subscriptionId,
                TimestampsToReturn = TimestampsToReturn.Both,
                ItemsToCreate = batch,
            };
            var response = await invoker.CallAsync<CreateMonitoredItemsResponse>("CreateMonitoredItems", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
            SubscriptionServices.CheckCount("CreateMonitoredItems", response.Results, batch.Length).CopyTo(results, start);
        }

        return results;
    }

    /// <summary>DeleteMonitoredItems in batches of at most <paramref name="batchSize"/>; statuses in request order.</summary>
    public static async Task<StatusCode[]> DeleteAsync(ServiceInvoker invoker, uint subscriptionId, uint[] monitoredItemIds, int batchSize, CancellationToken cancellationToken)
    {
        var results = new StatusCode[monitoredItemIds.Length];
        for (var start = 0; start < monitoredItemIds.Length; start += batchSize)
        {
            var batch = monitoredItemIds[start..Math.Min(monitoredItemIds.Length, start + batchSize)];
            var timeout = invoker.DefaultTimeout;
            var request = new DeleteMonitoredItemsRequest { RequestHeader = invoker.CreateHeader(timeout), SubscriptionId = subscriptionId, MonitoredItemIds = batch };
            var response = await invoker.CallAsync<DeleteMonitoredItemsResponse>("DeleteMonitoredItems", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
            SubscriptionServices.CheckCount("DeleteMonitoredItems", response.Results, batch.Length).CopyTo(results, start);
        }

        return results;
    }
}
