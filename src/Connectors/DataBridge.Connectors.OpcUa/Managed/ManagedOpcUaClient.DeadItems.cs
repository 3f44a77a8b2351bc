using DataBridge.Connectors.OpcUa.Subscriptions;
using Microsoft.Extensions.Logging;

namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>
/// Items whose node was missing or refused are tried again while connected: servers often publish their address space
/// in stages (a PLC program loads after the server starts), and a stable connection would otherwise never give those
/// items a second chance.
/// </summary>
public sealed partial class ManagedOpcUaClient
{
    private async Task DeadItemLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.DeadItemRetryInterval, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!IsConnected)
            {
                continue;
            }

            await _sessionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await RetryDeadItemsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OpcUaException ex) when (ex.IsTransient)
            {
                // The connection may be going away; the session logic reports that. Try again next time.
                _logger.LogDebug(ex, "{Client}: retrying missing items failed", _options.Name);
            }
            finally
            {
                _sessionGate.Release();
            }
        }
    }

    private async Task RetryDeadItemsAsync(CancellationToken cancellationToken)
    {
        if (_dead.Count == 0 || Volatile.Read(ref _client) is not { IsConnected: true } client || _subscription is not { } subscription)
        {
            return;
        }

        var slots = new List<int>(_dead);
        slots.Sort();
        var addresses = new List<OpcUaNodeAddress>(slots.Count);
        foreach (var slot in slots)
        {
            addresses.Add(_items[slot].Address);
        }

        var resolutions = await OpcUaNodeResolver.ResolveAsync(client, addresses, checkDataTypes: false, cancellationToken).ConfigureAwait(false);
        var items = new List<MonitoredItemDefinition>();
        for (var i = 0; i < slots.Count; i++)
        {
            if (resolutions[i].IsResolved)
            {
                items.Add(ToItem(_items[slots[i]], resolutions[i], (uint)slots[i]));
            }
        }

        if (items.Count == 0)
        {
            return;
        }

        var states = await subscription.CreateMonitoredItemsAsync(items, cancellationToken).ConfigureAwait(false);
        var recovered = new List<uint>();
        foreach (var state in states)
        {
            if (state.Status.IsGood)
            {
                _dead.Remove((int)state.ClientHandle);
                recovered.Add(state.ClientHandle);
            }
        }

        if (recovered.Count > 0)
        {
            ItemsRecovered?.Invoke(this, new OpcUaItemsRecoveredEventArgs(recovered));
        }
    }
}
