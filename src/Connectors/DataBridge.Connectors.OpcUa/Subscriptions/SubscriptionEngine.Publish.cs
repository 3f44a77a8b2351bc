using System.Collections.Concurrent;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;
using Microsoft.Extensions.Logging;

namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>
/// Publish pipelining (Part 4 §5.13.5): the server can only send a NotificationMessage when it holds a Publish
/// request, so several are kept outstanding. Their number adapts: BadTooManyPublishRequests (the server dropped our
/// oldest one) lowers it and caps it there; a response full of data with nothing else outstanding raises it.
/// </summary>
public sealed partial class SubscriptionEngine
{
    private readonly ConcurrentQueue<SubscriptionAcknowledgement> _acks = new();
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly Lock _gate = new();
    private int _targetRequests;
    private int _ceiling;
    private int _inFlight;
    private int _undelivered;
    private long _holdUntilTicks;
    private long _publishRequestsSent;
    private long _tooManyPublishRequests;
    private Exception? _fault;

    /// <summary>Publish requests the engine currently aims to keep outstanding.</summary>
    public int TargetPublishRequests => Volatile.Read(ref _targetRequests);

    /// <summary>Publish requests outstanding now.</summary>
    public int OutstandingPublishRequests => Volatile.Read(ref _inFlight);

    /// <summary>Publish requests sent so far.</summary>
    public long PublishRequestsSent => Interlocked.Read(ref _publishRequestsSent);

    /// <summary>How often the server answered BadTooManyPublishRequests.</summary>
    public long TooManyPublishRequestsCount => Interlocked.Read(ref _tooManyPublishRequests);

    /// <summary>Test seam: sees the acknowledgements of every Publish request just before it is sent.</summary>
    internal Action<SubscriptionAcknowledgement[]>? AcknowledgementsSending { get; set; }

    private void Wake() => _wake.Release();

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await _wake.WaitAsync(cancellationToken).ConfigureAwait(false);
                while (!cancellationToken.IsCancellationRequested && CanSend())
                {
                    var acks = DrainAcknowledgements();
                    Interlocked.Increment(ref _inFlight);
                    Interlocked.Increment(ref _publishRequestsSent);
                    _ = PublishOnceAsync(acks, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private bool CanSend() =>
        Fault is null
        && !_subscriptions.IsEmpty
        && Volatile.Read(ref _inFlight) < Volatile.Read(ref _targetRequests)
        && Volatile.Read(ref _undelivered) < _options.MaxUndeliveredMessages
        && _time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _holdUntilTicks);

    private SubscriptionAcknowledgement[] DrainAcknowledgements()
    {
        if (_acks.IsEmpty)
        {
            return [];
        }

        var list = new List<SubscriptionAcknowledgement>();
        while (_acks.TryDequeue(out var ack))
        {
            list.Add(ack);
        }

        return [.. list];
    }

    private async Task PublishOnceAsync(SubscriptionAcknowledgement[] acks, CancellationToken cancellationToken)
    {
        try
        {
            AcknowledgementsSending?.Invoke(acks);
            var response = await SubscriptionServices.PublishAsync(Invoker, acks, PublishTimeout(), cancellationToken).ConfigureAwait(false);
            OnPublishResponse(response);
        }
        catch (OpcUaServiceException ex)
        {
            OnPublishFault(ex, acks);
        }
        catch (OpcUaTransportException ex) when (!ex.IsChannelFatal)
        {
            _logger.LogDebug(ex, "Publish on {Endpoint} failed without ending the channel", _client.EndpointUrl);
            HoldFor(TimeSpan.FromMilliseconds(100));

            // A client-side timeout: the server held the request past our deadline; just send another.
            RequeueAcknowledgements(acks);
        }
        catch (OpcUaTransportException ex)
        {
            Fail(ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Anything else is a defect or a broken session: stop rather than spin on it.
            Fail(ex);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Wake();
        }
    }

    private void OnPublishResponse(PublishResponse response)
    {

        if (_subscriptions.TryGetValue(response.SubscriptionId, out var state))
        {
            Interlocked.Exchange(ref state.LastHeardTicks, _time.GetUtcNow().UtcTicks);
            Interlocked.Exchange(ref state.StallReported, 0);
        }

        var hasData = response.NotificationMessage.NotificationData is { Length: > 0 };
        if (hasData)
        {
            Interlocked.Increment(ref _undelivered);

            // The server had data waiting and we had no other request queued there: it may be starved of requests.
            if (response.MoreNotifications || Volatile.Read(ref _inFlight) <= 1)
            {
                lock (_gate)
                {
                    _targetRequests = Math.Min(_ceiling, _targetRequests + 1);
                }
            }
        }

        _responses.Writer.TryWrite(response);
    }

    private void OnPublishFault(OpcUaServiceException ex, SubscriptionAcknowledgement[] acks)
    {
        // The acknowledgements may not have been processed; sending them again is harmless (Part 4 §5.13.5: an
        // unknown sequence number only yields BadSequenceNumberUnknown in the results).
        RequeueAcknowledgements(acks);
        switch (ex.StatusCode.SubCode)
        {
            case StatusCodes.BadTooManyPublishRequests:
                Interlocked.Increment(ref _tooManyPublishRequests);
                lock (_gate)
                {
                    // Part 4 §5.13.5: the server dropped our oldest request; it queues fewer than we sent.
                    _ceiling = Math.Max(1, Math.Min(_ceiling, Volatile.Read(ref _inFlight) - 1));
                    _targetRequests = Math.Min(_targetRequests, _ceiling);
                }

                _logger.LogInformation("Server {Endpoint} answered BadTooManyPublishRequests: Publish depth lowered to {Target} outstanding request(s)", _client.EndpointUrl, _targetRequests);
                break;
            case StatusCodes.BadNoSubscription:
            case StatusCodes.BadTimeout:
                // No subscription yet (or any more), or the server timed the request out: wait a little before the next one.
                _logger.LogDebug("Publish on {Endpoint}: {Status}", _client.EndpointUrl, ex.StatusCode.Name);
                HoldFor(TimeSpan.FromMilliseconds(200));
                break;
            case StatusCodes.BadSessionIdInvalid:
            case StatusCodes.BadSessionClosed:
            case StatusCodes.BadSessionNotActivated:
            case StatusCodes.BadSecureChannelClosed:
            case StatusCodes.BadConnectionClosed:
                _logger.LogDebug("Publish on {Endpoint}: {Status}", _client.EndpointUrl, ex.StatusCode.Name);
                Fail(ex);
                break;
            default:
                _logger.LogWarning(ex, "Publish on {Endpoint} failed", _client.EndpointUrl);
                HoldFor(TimeSpan.FromMilliseconds(200));
                break;
        }
    }

    private void HoldFor(TimeSpan delay)
    {
        Interlocked.Exchange(ref _holdUntilTicks, _time.GetUtcNow().UtcTicks + delay.Ticks);
        _ = WakeLaterAsync(delay);
    }

    private async Task WakeLaterAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _stopping.Token).ConfigureAwait(false);
            Wake();
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void RequeueAcknowledgements(SubscriptionAcknowledgement[] acks)
    {
        foreach (var ack in acks)
        {
            _acks.Enqueue(ack);
        }
    }

    /// <summary>The server holds a Publish request up to a keep-alive period; allow three of the longest plus slack.</summary>
    private TimeSpan PublishTimeout()
    {
        var longest = TimeSpan.Zero;
        foreach (var (_, state) in _subscriptions)
        {
            var period = state.PublishingInterval * state.KeepAliveCount;
            if (period > longest)
            {
                longest = period;
            }
        }

        return (longest * 3) + TimeSpan.FromSeconds(10);
    }

    private void Fail(Exception error)
    {
        if (Interlocked.CompareExchange(ref _fault, error, null) is not null)
        {
            return;
        }

        // Whoever owns the engine hears of it through Faulted and decides what to say; the stack is for debugging.
        _logger.LogDebug(error, "Subscription engine on {Endpoint} stopped", _client.EndpointUrl);
        Faulted?.Invoke(this, error);
    }
}
