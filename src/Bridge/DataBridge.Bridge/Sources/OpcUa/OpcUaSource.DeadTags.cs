using DataBridge.Bridge.Configuration;
using DataBridge.Connectors.OpcUa;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Connectors.OpcUa.Transport;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>
/// Tags whose node was missing or refused are tried again while the source is connected: servers often publish their
/// address space in stages (a PLC program loads after the server starts), and a stable connection would otherwise never
/// give those tags a second chance.
/// </summary>
internal sealed partial class OpcUaSource
{
    private async Task DeadTagLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.DeadTagRetryInterval, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!IsConnected)
            {
                continue;
            }

            await _sessionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await RetryDeadTagsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OpcUaException ex) when (ex.IsTransient)
            {
                // The connection may be going away; the session logic reports that. Try again next time.
                _logger.LogDebug(ex, "Source {SourceId}: retrying missing tags failed", _definition.Id);
            }
            finally
            {
                _sessionGate.Release();
            }
        }
    }

    private async Task RetryDeadTagsAsync(CancellationToken cancellationToken)
    {
        if (_dead.Count == 0 || Volatile.Read(ref _client) is not { IsConnected: true } client || _subscription is not { } subscription)
        {
            return;
        }

        var slots = new List<int>(_dead);
        slots.Sort();
        var tags = new List<TagDefinition>(slots.Count);
        foreach (var slot in slots)
        {
            tags.Add(_definition.Tags[slot]);
        }

        var subset = new OpcUaSourceDefinition
        {
            Id = _definition.Id,
            AssetPath = _definition.AssetPath,
            Location = _definition.Location,
            Tags = tags,
            Endpoint = _definition.Endpoint,
        };
        var resolutions = await OpcUaTagResolver.ResolveAsync(client, subset, checkDataTypes: false, cancellationToken).ConfigureAwait(false);
        var items = new List<MonitoredItemDefinition>();
        for (var i = 0; i < slots.Count; i++)
        {
            if (resolutions[i].IsResolved)
            {
                items.Add(ToItem((OpcUaTagDefinition)tags[i], resolutions[i], (uint)slots[i], _definition.PublishingInterval));
            }
        }

        if (items.Count == 0)
        {
            return;
        }

        var states = await subscription.CreateMonitoredItemsAsync(items, cancellationToken).ConfigureAwait(false);
        foreach (var state in states)
        {
            if (state.Status.IsGood)
            {
                _dead.Remove((int)state.ClientHandle);
                var tag = _definition.Tags[(int)state.ClientHandle];
                _logger.LogInformation("Source {SourceId}: tag '{Tag}' ({Location}) is monitored now; its node appeared on {Endpoint}.", _definition.Id, tag.Name, tag.Location, _definition.Endpoint);
            }
        }
    }
}
