using DataBridge.Connectors.OpcUa.Subscriptions;

namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>The subscription engine's consumer: notifications and unrepairable holes to the handler.</summary>
public sealed partial class ManagedOpcUaClient
{
    /// <summary>
    /// Called by the engine one batch at a time, in sequence order; the engine acknowledges the message to the server
    /// only after this completes, i.e. after the handler has stored it. It works on the client's own token, not the
    /// engine's: a reconnect stops the engine, and a batch half-handed over must still finish.
    /// </summary>
    private async ValueTask ConsumeAsync(SubscriptionNotificationBatch batch, CancellationToken engineToken)
    {
        var cancellationToken = _running;
        try
        {
            if (batch.Gap is { } gap)
            {
                // One message per lost NotificationMessage: how many values they held is unknown.
                var messages = (long)unchecked(gap.LastSequenceNumber - gap.FirstSequenceNumber) + 1;
                await _handler.OnGapAsync(new OpcUaGap(OpcUaGapReason.RepublishFailed, messages, gap.SubscriptionId, gap.FirstSequenceNumber, gap.LastSequenceNumber, gap.Reason), cancellationToken).ConfigureAwait(false);
                return;
            }

            await _handler.OnValuesAsync(batch.Notifications, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The engine stops and acknowledges nothing more; RunAsync ends with this error.
            Volatile.Write(ref _consumerFault, ex);
            throw;
        }
    }
}
