using DataBridge.Bridge.Configuration;
using DataBridge.Connectors.OpcUa.Managed;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Core;
using DataBridge.Schemas;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>What the managed client hands over, into the pipeline: values by tag slot, gap records, Bad-quality records.</summary>
internal sealed partial class OpcUaSource
{
    private Sample[] _samples = new Sample[256];
    private int[] _slots = new int[256];

    /// <summary>
    /// One NotificationMessage's values; the client acknowledges it to the server only after this completes, i.e. after
    /// the outbox has the records on disk.
    /// </summary>
    private async ValueTask ConsumeValuesAsync(IReadOnlyList<ItemNotification> notifications, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastDataTicks, _time.GetUtcNow().UtcTicks);
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

    /// <summary>Says once per tag why its records turned BadTypeMismatch (see <see cref="VariantConversion"/>).</summary>
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

    private async ValueTask WriteGapAsync(OpcUaGap gap, CancellationToken cancellationToken)
    {
        if (gap.Reason == OpcUaGapReason.SubscriptionLost)
        {
            // Found while setting up a session, not delivered by the server: it says nothing about data arriving.
            var lost = await Pipeline.WriteGapAsync(1, GapReason.SubscriptionLost, resetReporting: true, cancellationToken).ConfigureAwait(false);
            _logger.LogWarning("Source {SourceId}: the server no longer has subscription {SubscriptionId} ({Status}); changes since the last delivered value are unknown, gap record {First}..{Last} (subscription_lost) written; creating it again.", _definition.Id, gap.SubscriptionId, gap.Status.Name, lost.FirstSequence, lost.LastSequence);
            return;
        }

        Interlocked.Exchange(ref _lastDataTicks, _time.GetUtcNow().UtcTicks);

        // One bridge sequence number per lost NotificationMessage: how many values they held is unknown.
        var record = await Pipeline.WriteGapAsync(gap.Messages, GapReason.RepublishFailed, resetReporting: true, cancellationToken).ConfigureAwait(false);
        _logger.LogWarning(
            "Source {SourceId}: NotificationMessages {First}..{Last} of subscription {SubscriptionId} could not be republished ({Status}); gap record {GapFirst}..{GapLast} (republish_failed) written.",
            _definition.Id,
            gap.FirstSequenceNumber,
            gap.LastSequenceNumber,
            gap.SubscriptionId,
            gap.Status.Name,
            record.FirstSequence,
            record.LastSequence);
    }

    /// <summary>A tag that cannot be monitored says so once in Kafka, as a Modbus tag at an illegal address does.</summary>
    private ValueTask ReportUnavailableAsync(IReadOnlyList<OpcUaItemStatus> items, CancellationToken cancellationToken)
    {
        var dead = new List<(int Slot, StatusCode Status)>(items.Count);
        foreach (var item in items)
        {
            dead.Add(((int)item.ClientHandle, item.Status));
            if (item.Refused)
            {
                var tag = (OpcUaTagDefinition)_definition.Tags[(int)item.ClientHandle];
                ReportOnce($"item:{tag.Name}:{item.Status.Code}", LogLevel.Warning, "Source {SourceId}: tag '{Tag}' ({Location}, {Node}) was refused by {Endpoint}: {Status}{Hint}; the other tags flow.", _definition.Id, tag.Name, tag.Location, tag.NodeId ?? tag.BrowsePath, _definition.Endpoint, item.Status.Name, RefusalHint(tag, item.Status));
            }
        }

        return ReportStatusAsync(dead, cancellationToken);
    }

    /// <summary>
    /// Cut off for longer than the subscription's lifetime: the values are truly unknown now, so every tag is reported
    /// BadNoCommunication (as a Modbus tag is when its device does not answer).
    /// </summary>
    private async ValueTask ReportOutageAsync(TimeSpan disconnectedFor, CancellationToken cancellationToken)
    {
        var count = Pipeline.Tags.Count;
        var bad = new StatusCode(StatusCodes.BadNoCommunication);
        var all = new List<(int Slot, StatusCode Status)>(count);
        for (var slot = 0; slot < count; slot++)
        {
            all.Add((slot, bad));
        }

        await ReportStatusAsync(all, cancellationToken).ConfigureAwait(false);
        _logger.LogWarning("Source {SourceId}: no connection to {Endpoint} for {Seconds:0} s, longer than the subscription lifetime; its {Count} tags are reported BadNoCommunication until it is back.", _definition.Id, _definition.Endpoint, disconnectedFor.TotalSeconds, count);
    }

    private static string RefusalHint(OpcUaTagDefinition tag, StatusCode status) => status.SubCode switch
    {
        StatusCodes.BadMonitoredItemFilterUnsupported or StatusCodes.BadFilterNotAllowed or StatusCodes.BadDeadbandFilterInvalid
            when tag.DeadbandType == OpcUaDeadbandType.Percent => " (a percent deadband needs an analog variable with an EURange property; use an absolute deadband, e.g. 'deadband: 0.5')",
        StatusCodes.BadMonitoredItemFilterUnsupported or StatusCodes.BadFilterNotAllowed or StatusCodes.BadDeadbandFilterInvalid
            => " (the server does not accept a deadband on this node; remove 'deadband')",
        StatusCodes.BadNodeIdUnknown or StatusCodes.BadNodeIdInvalid => " (check the node with `databridge browse` or `databridge validate --online`)",
        StatusCodes.BadAttributeIdInvalid => " (the node has no value: it is not a variable)",
        _ => string.Empty,
    };

    /// <summary>The managed client's handler; a consumer failure is kept so RunAsync can say the outbox failed.</summary>
    private sealed class Handler(OpcUaSource source) : IManagedOpcUaHandler
    {
        public ValueTask OnValuesAsync(IReadOnlyList<ItemNotification> values, CancellationToken cancellationToken) =>
            Guard(source.ConsumeValuesAsync(values, cancellationToken), cancellationToken);

        public ValueTask OnGapAsync(OpcUaGap gap, CancellationToken cancellationToken) =>
            Guard(source.WriteGapAsync(gap, cancellationToken), cancellationToken);

        public ValueTask OnItemsUnavailableAsync(IReadOnlyList<OpcUaItemStatus> items, CancellationToken cancellationToken) =>
            source.ReportUnavailableAsync(items, cancellationToken);

        public ValueTask OnOutageAsync(TimeSpan disconnectedFor, CancellationToken cancellationToken) =>
            source.ReportOutageAsync(disconnectedFor, cancellationToken);

        public ValueTask OnNodesDescribedAsync(IReadOnlyList<OpcUaNodeResolution> resolutions, IReadOnlyList<OpcUaNodeDescription> descriptions, CancellationToken cancellationToken) =>
            new(source.PublishServerMetadataAsync(resolutions, descriptions, cancellationToken));

        private async ValueTask Guard(ValueTask work, CancellationToken cancellationToken)
        {
            try
            {
                await work.ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                Volatile.Write(ref source._consumerFault, ex);
                throw;
            }
        }
    }
}
