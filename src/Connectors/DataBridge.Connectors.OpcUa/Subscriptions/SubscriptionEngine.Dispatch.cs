using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;
using Microsoft.Extensions.Logging;

namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>
/// Delivery: one loop takes Publish responses in arrival order, checks each subscription's sequence numbers
/// (Part 4 §5.13.1.1: consecutive, a keep-alive carries the number of the next message), fills holes with Republish,
/// hands messages to the consumer and queues their acknowledgements once the consumer is done with them.
/// </summary>
public sealed partial class SubscriptionEngine
{
    private long _republished;
    private long _gapsReported;

    /// <summary>NotificationMessages recovered with Republish.</summary>
    public long RepublishedCount => Interlocked.Read(ref _republished);

    /// <summary>Gaps reported to the consumer.</summary>
    public long GapsReported => Interlocked.Read(ref _gapsReported);

    /// <summary>Test seam: return true to lose a Publish response before the engine sees it (as a lossy network path would).</summary>
    internal Func<PublishResponse, bool>? DropResponse { get; set; }

    private async Task DispatchLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var response in _responses.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var message = response.NotificationMessage;
                var hasData = message.NotificationData is { Length: > 0 };
                try
                {
                    if (DropResponse?.Invoke(response) == true)
                    {
                        continue;
                    }

                    if (_subscriptions.TryGetValue(response.SubscriptionId, out var state))
                    {
                        await HandleAsync(state, message, hasData, cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    if (hasData)
                    {
                        Interlocked.Decrement(ref _undelivered);
                        Wake();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The consumer threw (or the session broke during Republish): stop, acknowledging nothing more.
            Fail(ex);
        }
    }

    private async Task HandleAsync(SubscriptionState state, NotificationMessage message, bool hasData, CancellationToken cancellationToken)
    {
        var sequence = message.SequenceNumber;
        if (state.Expected == 0)
        {
            // After a transfer with unknown history the first message sets the baseline.
            state.Expected = sequence;
        }

        if (!hasData)
        {
            // A keep-alive names the next sequence number; anything before it that we have not seen went missing.
            if (sequence != state.Expected && IsAfter(sequence, state.Expected))
            {
                await RepairAsync(state, state.Expected, sequence - 1, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (sequence != state.Expected && !IsAfter(sequence, state.Expected))
        {
            // Already delivered (a repair overtook the original response); it is acknowledged already.
            return;
        }

        if (sequence != state.Expected)
        {
            await RepairAsync(state, state.Expected, sequence - 1, cancellationToken).ConfigureAwait(false);
        }

        await DeliverAsync(state, message, republished: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Republishes <paramref name="first"/>..<paramref name="last"/>; what the server no longer has becomes gaps.</summary>
    private async Task RepairAsync(SubscriptionState state, uint first, uint last, CancellationToken cancellationToken)
    {
        var gapStart = 0u;
        var reason = new StatusCode(StatusCodes.BadMessageNotAvailable);
        var attempts = 0;
        for (var m = first; ; m = SubscriptionState.Next(m))
        {
            NotificationMessage? recovered = null;
            if (attempts++ < _options.MaxRepublishPerGap)
            {
                try
                {
                    recovered = await SubscriptionServices.RepublishAsync(Invoker, state.Id, m, cancellationToken).ConfigureAwait(false);
                }
                catch (OpcUaServiceException ex) when (ex.StatusCode.SubCode is StatusCodes.BadMessageNotAvailable or StatusCodes.BadSubscriptionIdInvalid or StatusCodes.BadSequenceNumberInvalid)
                {
                    reason = ex.StatusCode;
                }
                catch (OpcUaTransportException ex) when (!ex.IsChannelFatal)
                {
                    reason = ex.StatusCode;
                }
            }

            if (recovered is not null && recovered.SequenceNumber == m)
            {
                if (gapStart != 0)
                {
                    await ReportGapAsync(state, gapStart, m - 1, reason, cancellationToken).ConfigureAwait(false);
                    gapStart = 0;
                }

                Interlocked.Increment(ref _republished);
                await DeliverAsync(state, recovered, republished: true, cancellationToken).ConfigureAwait(false);
            }
            else if (gapStart == 0)
            {
                gapStart = m;
            }

            if (m == last)
            {
                break;
            }
        }

        if (gapStart != 0)
        {
            await ReportGapAsync(state, gapStart, last, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReportGapAsync(SubscriptionState state, uint first, uint last, StatusCode reason, CancellationToken cancellationToken)
    {
        _logger.LogWarning("Subscription {Subscription} on {Endpoint} lost NotificationMessages {First}..{Last} ({Reason})", state.Id, _client.EndpointUrl, first, last, reason.Name);
        Interlocked.Increment(ref _gapsReported);
        await _consumer(SubscriptionNotificationBatch.ForGap(new NotificationGap(state.Id, first, last, reason)), cancellationToken).ConfigureAwait(false);
        state.Expected = SubscriptionState.Next(last);
    }

    private async Task DeliverAsync(SubscriptionState state, NotificationMessage message, bool republished, CancellationToken cancellationToken)
    {
        var batch = new SubscriptionNotificationBatch(state.Id, message.SequenceNumber, message.PublishTime, VariantConversion.ToNotifications(message), republished, gap: null);
        await _consumer(batch, cancellationToken).ConfigureAwait(false);

        // Only now is the message the consumer's: acknowledge it with the next Publish request.
        state.Expected = SubscriptionState.Next(message.SequenceNumber);
        _acks.Enqueue(new SubscriptionAcknowledgement { SubscriptionId = state.Id, SequenceNumber = message.SequenceNumber });
        Wake();
    }

    /// <summary>Acknowledges, after a transfer, what the server still holds but the consumer already took.</summary>
    private void AcknowledgeDelivered(SubscriptionState state, uint[]? available)
    {
        if (available is null || state.Expected == 0)
        {
            return;
        }

        foreach (var sequence in available)
        {
            if (sequence != state.Expected && !IsAfter(sequence, state.Expected))
            {
                _acks.Enqueue(new SubscriptionAcknowledgement { SubscriptionId = state.Id, SequenceNumber = sequence });
            }
        }
    }

    /// <summary>Serial-number order (RFC 1982 style) so comparisons survive the roll-over at UInt32.MaxValue.</summary>
    private static bool IsAfter(uint a, uint b) => a != b && (int)(a - b) > 0;
}
