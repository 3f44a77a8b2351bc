using DataBridge.Bridge.Configuration;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Core;
using DataBridge.Schemas;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>The subscription engine's consumer: notifications into the pipeline, unrepairable holes into gap records.</summary>
internal sealed partial class OpcUaSource
{
    /// <summary>
    /// Called by the engine one batch at a time, in sequence order; the engine acknowledges the message to the server
    /// only after this completes, i.e. after the outbox has the records on disk. It works on the source's own token,
    /// not the engine's: a reconnect stops the engine, and a batch half-written to the outbox must still finish.
    /// </summary>
    private async ValueTask ConsumeAsync(SubscriptionNotificationBatch batch, CancellationToken engineToken)
    {
        var cancellationToken = _running;
        Interlocked.Exchange(ref _lastDataTicks, _time.GetUtcNow().UtcTicks);
        try
        {
            if (batch.Gap is { } gap)
            {
                await WriteRepublishGapAsync(gap, cancellationToken).ConfigureAwait(false);
                return;
            }

            var notifications = batch.Notifications;
            if (notifications.Count > _samples.Length)
            {
                var size = Math.Max(notifications.Count, _samples.Length * 2);
                _samples = new Sample[size];
                _slots = new int[size];
            }

            var tagCount = Pipeline.Tags.Count;
            var count = 0;
            for (var i = 0; i < notifications.Count; i++)
            {
                var n = notifications[i];
                if (n.ClientHandle < (uint)tagCount)
                {
                    if (n.Sample.Status.Code == StatusCodes.BadTypeMismatch)
                    {
                        ReportNotCarried((int)n.ClientHandle);
                    }

                    _samples[count] = n.Sample;
                    _slots[count] = (int)n.ClientHandle;
                    count++;
                }
                else
                {
                    // Only a misbehaving server sends a handle the bridge never gave out; say so rather than drop silently.
                    ReportOnce($"handle:{n.ClientHandle}", LogLevel.Warning, "Source {SourceId}: {Endpoint} sent a notification for client handle {Handle}, which no tag has; it is ignored.", _definition.Id, _definition.Endpoint, n.ClientHandle);
                }
            }

            if (count > 0)
            {
                await Pipeline.ProcessAsync(_samples, _slots, count, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The engine stops and acknowledges nothing more; RunAsync ends the source with this error.
            Volatile.Write(ref _consumerFault, ex);
            throw;
        }
    }

    /// <summary>Says once per tag why its records turned BadTypeMismatch (see <see cref="VariantConversion.ToSample"/>).</summary>
    private void ReportNotCarried(int slot)
    {
        var tag = (OpcUaTagDefinition)_definition.Tags[slot];
        ReportOnce(
            $"type:{tag.Name}",
            LogLevel.Warning,
            "Source {SourceId}: tag '{Tag}' ({Location}, {Node}) received a value the bridge cannot carry (an array, or a type other than Boolean, integers, Float, Double, String and DateTime); its records carry quality BadTypeMismatch instead of the value. Map a scalar variable, or remove the tag until arrays are carried.",
            _definition.Id,
            tag.Name,
            tag.Location,
            tag.NodeId ?? tag.BrowsePath,
            _definition.Endpoint);
    }

    private async Task WriteRepublishGapAsync(NotificationGap gap, CancellationToken cancellationToken)
    {
        // One bridge sequence number per lost NotificationMessage: how many values they held is unknown.
        var messages = (long)unchecked(gap.LastSequenceNumber - gap.FirstSequenceNumber) + 1;
        var record = await Pipeline.WriteGapAsync(messages, GapReason.RepublishFailed, resetReporting: true, cancellationToken).ConfigureAwait(false);
        _logger.LogWarning(
            "Source {SourceId}: NotificationMessages {First}..{Last} of subscription {SubscriptionId} could not be republished ({Status}); gap record {GapFirst}..{GapLast} (republish_failed) written.",
            _definition.Id,
            gap.FirstSequenceNumber,
            gap.LastSequenceNumber,
            gap.SubscriptionId,
            gap.Reason.Name,
            record.FirstSequence,
            record.LastSequence);
    }
}
