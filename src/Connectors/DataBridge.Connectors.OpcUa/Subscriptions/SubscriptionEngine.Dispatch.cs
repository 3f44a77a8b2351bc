using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;
using Microsoft.Extensions.Logging;

namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>
/// Delivery: one loop takes Publish responses, checks each subscription's sequence numbers (Part 4 §5.13.1.1:
/// consecutive; a keep-alive carries the number of the next message) and hands messages to the consumer in order.
/// Pipelined responses can reach this loop out of order, so a message ahead of a hole waits in a small reorder
/// buffer; only a hole still open when no more responses are at hand (plus a short grace) is filled with Republish.
/// </summary>
public sealed partial class SubscriptionEngine
{
    private static readonly TimeSpan ReorderGrace = TimeSpan.FromMilliseconds(100);
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
        var reader = _responses.Reader;
        DateTimeOffset? holeSince = null;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var response))
                {
                    await AcceptAsync(response, cancellationToken).ConfigureAwait(false);
                }

                if (!AnyHole())
                {
                    holeSince = null;
                    continue;
                }

                // A response decoded earlier may still be on its way to this loop: give it a short grace, counted from
                // when the hole appeared (a steady flow of later responses must not postpone the repair for ever).
                var now = _time.GetUtcNow();
                holeSince ??= now;
                var remaining = ReorderGrace - (now - holeSince.Value);
                if (remaining > TimeSpan.Zero)
                {
                    using var grace = new CancellationTokenSource(remaining, _time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(grace.Token, cancellationToken);
                    try
                    {
                        if (await reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
                        {
                            continue;
                        }
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                    }
                }

                holeSince = null;
                await RepairHolesAsync(cancellationToken).ConfigureAwait(false);
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

    private async Task AcceptAsync(PublishResponse response, CancellationToken cancellationToken)
    {
        var message = response.NotificationMessage;
        var hasData = message.NotificationData is { Length: > 0 };
        try
        {
            if (DropResponse?.Invoke(response) == true || !_subscriptions.TryGetValue(response.SubscriptionId, out var state))
            {
                return;
            }

            var sequence = message.SequenceNumber;
            if (state.Expected == 0)
            {
                // After a transfer with unknown history the first message sets the baseline.
                state.Expected = sequence;
                state.SeenUpTo = sequence - 1;
            }

            if (!hasData)
            {
                // A keep-alive names the next sequence number: everything before it exists.
                if (IsAfter(sequence - 1, state.SeenUpTo))
                {
                    state.SeenUpTo = sequence - 1;
                }

                return;
            }

            if (sequence != state.Expected && !IsAfter(sequence, state.Expected))
            {
                // Already delivered (a repair overtook the original response); it is acknowledged already.
                return;
            }

            state.Pending[sequence] = message;
            if (IsAfter(sequence, state.SeenUpTo))
            {
                state.SeenUpTo = sequence;
            }

            await FlushAsync(state, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Delivers held messages while the next expected one is among them.</summary>
    private async Task FlushAsync(SubscriptionState state, CancellationToken cancellationToken)
    {
        while (state.Pending.Remove(state.Expected, out var next))
        {
            await DeliverAsync(state, next, republished: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool AnyHole()
    {
        foreach (var (_, state) in _subscriptions)
        {
            if (state.HasHole)
            {
                return true;
            }
        }

        return false;
    }

    private async Task RepairHolesAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, state) in _subscriptions)
        {
            while (state.HasHole)
            {
                // Held messages are all after Expected (Expected itself would have been flushed): the hole ends before the first.
                var end = state.SeenUpTo;
                foreach (var (sequence, _) in state.Pending)
                {
                    end = sequence - 1;
                    break;
                }

                await RepairAsync(state, state.Expected, end, cancellationToken).ConfigureAwait(false);
                await FlushAsync(state, cancellationToken).ConfigureAwait(false);
            }
        }
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
        state.Pending.Remove(message.SequenceNumber);
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
