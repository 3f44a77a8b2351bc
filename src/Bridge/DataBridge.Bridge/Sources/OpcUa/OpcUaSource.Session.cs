using System.Globalization;
using DataBridge.Bridge.Configuration;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Schemas;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>One session's life: connect, resolve the tags, take the subscription over or create it, watch for loss.</summary>
internal sealed partial class OpcUaSource
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
                    _logger.LogInformation("Source {SourceId}: the server no longer has the old session ({Status}); opening a new one and moving subscription {SubscriptionId} to it.", _definition.Id, ex.StatusCode.Name, _subscription.Id);
                    _previousClient = null;
                }
            }

            client ??= await OpcUaClient.ConnectAsync(_definition.Endpoint, _options.Client, _time, _logger, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no session within {_options.ConnectTimeout.TotalSeconds:0.#} s");
        }

        var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConnectionLost += (_, e) => lost.TrySetResult($"connection to {_definition.Endpoint} lost ({e.Error.Message})");
        SubscriptionEngine? engine = null;
        try
        {
            engine = new SubscriptionEngine(client, ConsumeAsync, _options.Engine, _logger);
            engine.Stalled += (_, e) => lost.TrySetResult($"subscription {e.SubscriptionId} was silent for {e.SilentFor.TotalSeconds:0.#} s (limit {e.Limit.TotalSeconds:0.#} s)");
            engine.Faulted += (_, e) => lost.TrySetResult($"the subscription engine stopped ({e.Message})");
            if (!reactivated || !await ResumeAsync(client, engine, token).ConfigureAwait(false))
            {
                // Namespace indexes may differ from the last session (a restarted server), so nsu= ids are resolved again.
                _resolutions = await OpcUaTagResolver.ResolveAsync(client, _definition, checkDataTypes: false, token).ConfigureAwait(false);
                ReportUnresolved();
                await TakeOverOrCreateAsync(client, engine, token).ConfigureAwait(false);
                await PublishServerMetadataAsync(client, token).ConfigureAwait(false);
            }

            Volatile.Write(ref _client, client);
            _previousClient = client;
            _outageReported = false;
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

            await WriteSubscriptionLostAsync(old.Id, ex.StatusCode).ConfigureAwait(false);
            return false;
        }

        _subscription = resumed;
        _subscriptionSession = client.SessionId;
        Interlocked.Increment(ref _reactivations);
        _logger.LogInformation("Source {SourceId}: session re-activated on a new channel to {Endpoint}; subscription {SubscriptionId} continues, missed messages are republished.", _definition.Id, _definition.Endpoint, old.Id);
        return true;
    }

    private async Task WriteSubscriptionLostAsync(uint subscriptionId, DataBridge.Core.StatusCode status)
    {
        var gap = await Pipeline.WriteGapAsync(1, GapReason.SubscriptionLost, resetReporting: true, _running).ConfigureAwait(false);
        _subscription = null;
        Interlocked.Increment(ref _recreations);
        _logger.LogWarning("Source {SourceId}: the server no longer has subscription {SubscriptionId} ({Status}); changes since the last delivered value are unknown, gap record {First}..{Last} (subscription_lost) written; creating it again.", _definition.Id, subscriptionId, status.Name, gap.FirstSequence, gap.LastSequence);
    }

    private async Task TakeOverOrCreateAsync(OpcUaClient client, SubscriptionEngine engine, CancellationToken cancellationToken)
    {
        if (_subscription is { } old)
        {
            var status = default(DataBridge.Core.StatusCode);
            try
            {
                var result = await engine.TransferSubscriptionsAsync([old], cancellationToken).ConfigureAwait(false);
                if (result.Transferred.Count == 1)
                {
                    _subscription = result.Transferred[0];
                    _subscriptionSession = client.SessionId;
                    Interlocked.Increment(ref _transfers);
                    _logger.LogInformation("Source {SourceId}: subscription {SubscriptionId} transferred to the new session on {Endpoint}; the server resends what it kept.", _definition.Id, old.Id, _definition.Endpoint);
                    return;
                }

                status = result.Lost[0].Status;
            }
            catch (OpcUaServiceException ex)
            {
                // A server without TransferSubscriptions (BadServiceUnsupported) is treated like one that lost it.
                status = ex.StatusCode;
            }

            await WriteSubscriptionLostAsync(old.Id, status).ConfigureAwait(false);
        }

        _subscription = await CreateAsync(client, engine, cancellationToken).ConfigureAwait(false);
        _subscriptionSession = client.SessionId;
    }

    private async Task<OpcUaSubscription> CreateAsync(OpcUaClient client, SubscriptionEngine engine, CancellationToken cancellationToken)
    {
        var settings = new SubscriptionSettings
        {
            PublishingInterval = _definition.PublishingInterval,
            MaxKeepAliveCount = _definition.KeepAliveCount,
            LifetimeCount = _definition.LifetimeCount,
            MaxNotificationsPerPublish = _definition.MaxNotificationsPerPublish,
        };
        var subscription = await engine.CreateSubscriptionAsync(settings, cancellationToken).ConfigureAwait(false);
        var items = new List<MonitoredItemDefinition>(_resolutions.Count);
        for (var slot = 0; slot < _resolutions.Count; slot++)
        {
            if (_resolutions[slot].IsResolved)
            {
                items.Add(ToItem((OpcUaTagDefinition)_definition.Tags[slot], _resolutions[slot], (uint)slot, _definition.PublishingInterval));
            }
        }

        var states = items.Count == 0 ? [] : await subscription.CreateMonitoredItemsAsync(items, cancellationToken).ConfigureAwait(false);
        var refused = 0;
        var dead = new List<(int Slot, DataBridge.Core.StatusCode Status)>();
        foreach (var state in states)
        {
            if (state.Status.IsBad)
            {
                refused++;
                var tag = (OpcUaTagDefinition)_definition.Tags[(int)state.ClientHandle];
                dead.Add(((int)state.ClientHandle, state.Status));
                ReportOnce($"item:{tag.Name}:{state.Status.Code}", LogLevel.Warning, "Source {SourceId}: tag '{Tag}' ({Location}, {Node}) was refused by {Endpoint}: {Status}{Hint}; the other tags flow.", _definition.Id, tag.Name, tag.Location, tag.NodeId ?? tag.BrowsePath, _definition.Endpoint, state.Status.Name, RefusalHint(tag, state.Status));
            }
        }

        for (var slot = 0; slot < _resolutions.Count; slot++)
        {
            if (!_resolutions[slot].IsResolved)
            {
                dead.Add((slot, new DataBridge.Core.StatusCode(DataBridge.Core.StatusCodes.BadNodeIdUnknown)));
            }
        }

        _dead.Clear();
        foreach (var (slot, _) in dead)
        {
            _dead.Add(slot);
        }

        // A tag that cannot be monitored says so once in Kafka, as a Modbus tag at an illegal address does.
        await ReportStatusAsync(dead, _running).ConfigureAwait(false);

        _logger.LogInformation(
            "Source {SourceId}: subscription {SubscriptionId} on {Endpoint} (publishing every {Interval} ms) monitors {Items} items; {Refused} refused, {Unresolved} not found.",
            _definition.Id,
            subscription.Id,
            _definition.Endpoint,
            subscription.RevisedPublishingInterval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
            states.Count - refused,
            refused,
            _resolutions.Count - items.Count);
        return subscription;
    }

    private static string RefusalHint(OpcUaTagDefinition tag, DataBridge.Core.StatusCode status) => status.SubCode switch
    {
        DataBridge.Core.StatusCodes.BadMonitoredItemFilterUnsupported or DataBridge.Core.StatusCodes.BadFilterNotAllowed or DataBridge.Core.StatusCodes.BadDeadbandFilterInvalid
            when tag.DeadbandType == OpcUaDeadbandType.Percent => " (a percent deadband needs an analog variable with an EURange property; use an absolute deadband, e.g. 'deadband: 0.5')",
        DataBridge.Core.StatusCodes.BadMonitoredItemFilterUnsupported or DataBridge.Core.StatusCodes.BadFilterNotAllowed or DataBridge.Core.StatusCodes.BadDeadbandFilterInvalid
            => " (the server does not accept a deadband on this node; remove 'deadband')",
        DataBridge.Core.StatusCodes.BadNodeIdUnknown or DataBridge.Core.StatusCodes.BadNodeIdInvalid => " (check the node with `databridge browse` or `databridge validate --online`)",
        DataBridge.Core.StatusCodes.BadAttributeIdInvalid => " (the node has no value: it is not a variable)",
        _ => string.Empty,
    };

    private static MonitoredItemDefinition ToItem(OpcUaTagDefinition tag, OpcUaTagResolution resolution, uint handle, TimeSpan publishingInterval)
    {
        var deadband = tag.DeadbandType switch
        {
            OpcUaDeadbandType.Absolute => DeadbandType.Absolute,
            OpcUaDeadbandType.Percent => DeadbandType.Percent,
            _ => DeadbandType.None,
        };

        // The configured absolute deadband is in engineering units (after scaling, as for Modbus); the server compares
        // raw values, so it is asked for the band in raw units. A percent of the EU range needs no conversion.
        var band = deadband == DeadbandType.Absolute ? tag.Deadband / Math.Abs(tag.Scaling.Factor) : tag.Deadband;
        return new MonitoredItemDefinition
        {
            NodeId = resolution.NodeId,
            ClientHandle = handle,
            SamplingInterval = tag.SamplingInterval ?? publishingInterval,
            QueueSize = tag.QueueSize,
            DiscardOldest = tag.DiscardOldest,
            Deadband = deadband,
            DeadbandValue = deadband == DeadbandType.None ? 0 : band,
        };
    }

    private void ReportUnresolved()
    {
        for (var slot = 0; slot < _resolutions.Count; slot++)
        {
            if (_resolutions[slot].Problem is { } problem)
            {
                var tag = _definition.Tags[slot];
                ReportOnce($"resolve:{tag.Name}:{problem}", LogLevel.Warning, "Source {SourceId}: tag '{Tag}' ({Location}) is not monitored: {Problem}", _definition.Id, tag.Name, tag.Location, problem);
            }
            else if (_resolutions[slot].Warning is { } warning)
            {
                var tag = _definition.Tags[slot];
                ReportOnce($"warn:{tag.Name}:{warning}", LogLevel.Warning, "Source {SourceId}: tag '{Tag}' ({Location}): {Warning}", _definition.Id, tag.Name, tag.Location, warning);
            }
        }
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

        /// <summary>Stops the engine and closes the session, deleting its subscription (the bridge is stopping).</summary>
        public async Task CloseAsync()
        {
            await engine.DisposeAsync().ConfigureAwait(false);
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
