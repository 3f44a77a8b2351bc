using System.Globalization;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Core;
using Microsoft.Extensions.Logging;

namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>One session's life: connect, resolve the items, take the subscription over or create it, watch for loss.</summary>
public sealed partial class ManagedOpcUaClient
{
    private async Task<Session> OpenSessionAsync(CancellationToken cancellationToken)
    {
        await _sessionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await OpenSessionCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sessionGate.Release();
        }
    }

    private async Task<Session> OpenSessionCoreAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_options.ConnectTimeout);
        var token = limit.Token;
        OpcUaClient? client = null;
        var reactivated = false;
        try
        {
            if (_previousClient is { } previous && _subscription is not null)
            {
                try
                {
                    // Part 4 §6.7: first try to keep the session (and its subscription) by activating it on a new channel.
                    client = await OpcUaClient.ReactivateAsync(previous, token).ConfigureAwait(false);
                    reactivated = true;
                }
                catch (OpcUaServiceException ex)
                {
                    _logger.LogInformation("{Client}: the server no longer has the old session ({Status}); opening a new one and moving subscription {SubscriptionId} to it.", _options.Name, ex.StatusCode.Name, _subscription.Id);
                    _previousClient = null;
                }
            }

            client ??= await OpcUaClient.ConnectAsync(_endpoint, _options.Client, _time, _logger, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no session within {_options.ConnectTimeout.TotalSeconds:0.#} s");
        }

        var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConnectionLost += (_, e) => lost.TrySetResult($"connection to {_endpoint} lost ({e.Error.Message})");
        SubscriptionEngine? engine = null;
        try
        {
            engine = new SubscriptionEngine(client, ConsumeAsync, _options.Engine, _logger);
            engine.Stalled += (_, e) => lost.TrySetResult($"subscription {e.SubscriptionId} was silent for {e.SilentFor.TotalSeconds:0.#} s (limit {e.Limit.TotalSeconds:0.#} s)");
            engine.Faulted += (_, e) => lost.TrySetResult($"the subscription engine stopped ({e.Message})");
            var outcome = OpcUaSessionOutcome.Reactivated;
            if (!reactivated || !await ResumeAsync(client, engine, token).ConfigureAwait(false))
            {
                // Namespace indexes may differ from the last session (a restarted server), so nsu= ids are resolved again.
                _resolutions = await OpcUaNodeResolver.ResolveAsync(client, Addresses(), checkDataTypes: false, token).ConfigureAwait(false);
                NodesResolved?.Invoke(this, new OpcUaNodesResolvedEventArgs(_resolutions));
                outcome = await TakeOverOrCreateAsync(client, engine, token).ConfigureAwait(false);
                await DescribeNodesAsync(client, token).ConfigureAwait(false);
            }

            Volatile.Write(ref _client, client);
            _previousClient = client;
            _outageReported = false;
            _lostSinceConnected = false;
            StateChanged?.Invoke(this, new OpcUaConnectionStateChangedEventArgs(OpcUaConnectionState.Connected, outcome, null));
            return new Session(client, engine, lost.Task);
        }
        catch (Exception ex)
        {
            if (engine is not null)
            {
                await engine.DisposeAsync().ConfigureAwait(false);
            }

            if (_subscription is not null && client.SessionId == _subscriptionSession)
            {
                // The subscription lives in this session now: keep the session for the next attempt to re-activate.
                _previousClient = client;
                await client.AbandonAsync().ConfigureAwait(false);
            }
            else
            {
                // A session that holds nothing of ours: close it, or failed attempts pile sessions up on the server.
                await client.DisposeAsync().ConfigureAwait(false);
            }

            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"subscription set-up took longer than {_options.ConnectTimeout.TotalSeconds:0.#} s");
            }

            throw;
        }
    }

    private List<OpcUaNodeAddress> Addresses()
    {
        var addresses = new List<OpcUaNodeAddress>(_items.Count);
        foreach (var item in _items)
        {
            addresses.Add(item.Address);
        }

        return addresses;
    }

    /// <summary>
    /// On a re-activated session the subscription is still ours: carry on with it. A cheap ModifySubscription with the
    /// same settings proves it still exists (its lifetime may have run out while we were cut off); false when it does not.
    /// </summary>
    private async Task<bool> ResumeAsync(OpcUaClient client, SubscriptionEngine engine, CancellationToken cancellationToken)
    {
        var old = _subscription!;
        var resumed = engine.ResumeSubscriptions([old])[0];
        try
        {
            await resumed.ModifyAsync(old.Settings, cancellationToken).ConfigureAwait(false);
        }
        catch (OpcUaServiceException ex)
        {
            try
            {
                await resumed.DeleteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OpcUaServiceException)
            {
                // Gone already, which is the point.
            }

            await SubscriptionLostAsync(old.Id, ex.StatusCode).ConfigureAwait(false);
            return false;
        }

        _subscription = resumed;
        _subscriptionSession = client.SessionId;
        Interlocked.Increment(ref _reactivations);
        _logger.LogInformation("{Client}: session re-activated on a new channel to {Endpoint}; subscription {SubscriptionId} continues, missed messages are republished.", _options.Name, _endpoint, old.Id);
        return true;
    }

    /// <summary>The server lost the subscription: the handler records the hole before anything of the new one arrives.</summary>
    private async Task SubscriptionLostAsync(uint subscriptionId, StatusCode status)
    {
        await _handler.OnGapAsync(new OpcUaGap(OpcUaGapReason.SubscriptionLost, 1, subscriptionId, 0, 0, status), _running).ConfigureAwait(false);
        _subscription = null;
        _lostSinceConnected = true;
        Interlocked.Increment(ref _recreations);
    }

    private async Task<OpcUaSessionOutcome> TakeOverOrCreateAsync(OpcUaClient client, SubscriptionEngine engine, CancellationToken cancellationToken)
    {
        var outcome = OpcUaSessionOutcome.Created;
        if (_subscription is { } old)
        {
            var status = default(StatusCode);
            try
            {
                var result = await engine.TransferSubscriptionsAsync([old], cancellationToken).ConfigureAwait(false);
                if (result.Transferred.Count == 1)
                {
                    _subscription = result.Transferred[0];
                    _subscriptionSession = client.SessionId;
                    Interlocked.Increment(ref _transfers);
                    _logger.LogInformation("{Client}: subscription {SubscriptionId} transferred to the new session on {Endpoint}; the server resends what it kept.", _options.Name, old.Id, _endpoint);
                    return OpcUaSessionOutcome.Transferred;
                }

                status = result.Lost[0].Status;
            }
            catch (OpcUaServiceException ex)
            {
                // A server without TransferSubscriptions (BadServiceUnsupported) is treated like one that lost it.
                status = ex.StatusCode;
            }

            await SubscriptionLostAsync(old.Id, status).ConfigureAwait(false);
        }

        if (_lostSinceConnected)
        {
            outcome = OpcUaSessionOutcome.Recreated;
        }

        _subscription = await CreateAsync(engine, cancellationToken).ConfigureAwait(false);
        _subscriptionSession = client.SessionId;
        return outcome;
    }

    private async Task<OpcUaSubscription> CreateAsync(SubscriptionEngine engine, CancellationToken cancellationToken)
    {
        var subscription = await engine.CreateSubscriptionAsync(_options.Subscription, cancellationToken).ConfigureAwait(false);
        var items = new List<MonitoredItemDefinition>(_resolutions.Count);
        for (var slot = 0; slot < _resolutions.Count; slot++)
        {
            if (_resolutions[slot].IsResolved)
            {
                items.Add(ToItem(_items[slot], _resolutions[slot], (uint)slot));
            }
        }

        var states = items.Count == 0 ? [] : await subscription.CreateMonitoredItemsAsync(items, cancellationToken).ConfigureAwait(false);
        var refused = 0;
        var dead = new List<OpcUaItemStatus>();
        foreach (var state in states)
        {
            if (state.Status.IsBad)
            {
                refused++;
                dead.Add(new OpcUaItemStatus(state.ClientHandle, state.Status, Refused: true));
            }
        }

        for (var slot = 0; slot < _resolutions.Count; slot++)
        {
            if (!_resolutions[slot].IsResolved)
            {
                dead.Add(new OpcUaItemStatus((uint)slot, new StatusCode(StatusCodes.BadNodeIdUnknown), Refused: false));
            }
        }

        _dead.Clear();
        foreach (var item in dead)
        {
            _dead.Add((int)item.ClientHandle);
        }

        if (dead.Count > 0)
        {
            await _handler.OnItemsUnavailableAsync(dead, _running).ConfigureAwait(false);
        }

        _logger.LogInformation(
            "{Client}: subscription {SubscriptionId} on {Endpoint} (publishing every {Interval} ms) monitors {Items} items; {Refused} refused, {Unresolved} not found.",
            _options.Name,
            subscription.Id,
            _endpoint,
            subscription.RevisedPublishingInterval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
            states.Count - refused,
            refused,
            _resolutions.Count - items.Count);
        return subscription;
    }

    private MonitoredItemDefinition ToItem(ManagedMonitoredItem item, OpcUaNodeResolution resolution, uint handle)
    {
        var deadband = item.Deadband switch
        {
            OpcUaDeadband.Absolute => DeadbandType.Absolute,
            OpcUaDeadband.Percent => DeadbandType.Percent,
            _ => DeadbandType.None,
        };
        return new MonitoredItemDefinition
        {
            NodeId = resolution.NodeId,
            ClientHandle = handle,
            SamplingInterval = item.SamplingInterval ?? _options.Subscription.PublishingInterval,
            QueueSize = item.QueueSize,
            DiscardOldest = item.DiscardOldest,
            Deadband = deadband,
            DeadbandValue = deadband == DeadbandType.None ? 0 : item.DeadbandValue,
        };
    }

    /// <summary>
    /// After the items are resolved: reads each variable's DataType, EngineeringUnits, EURange and InstrumentRange for
    /// the handler. A failure here costs the description, never the values: it is logged and the next session tries again.
    /// </summary>
    private async Task DescribeNodesAsync(OpcUaClient client, CancellationToken cancellationToken)
    {
        OpcUaNodeDescription[] described;
        try
        {
            described = await OpcUaNodeDescriber.DescribeAsync(client, _resolutions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning("{Client}: could not read data types and engineering units from {Endpoint} ({Error}); the metadata records keep what the configuration says until the next connection.", _options.Name, _endpoint, ex.Message);
            return;
        }

        await _handler.OnNodesDescribedAsync(_resolutions, described, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A connected client with its running subscription engine.</summary>
    private sealed class Session(OpcUaClient client, SubscriptionEngine engine, Task<string> lost)
    {
        /// <summary>The reason the session was lost, or null when <paramref name="cancellationToken"/> ended it.</summary>
        public async Task<string?> WaitUntilLostAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await lost.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }

        /// <summary>Stops the engine (the consumer finishes its batch first) and drops the connection, keeping the subscription on the server.</summary>
        public async Task AbandonAsync()
        {
            await engine.DisposeAsync().ConfigureAwait(false);
            await client.AbandonAsync().ConfigureAwait(false);
        }

        /// <summary>Stops the engine and closes the session, deleting its subscription (the client is stopping).</summary>
        public async Task CloseAsync()
        {
            await engine.DisposeAsync().ConfigureAwait(false);
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
