using System.Collections.Concurrent;
using DataBridge.Connectors.Modbus.Client;
using DataBridge.Connectors.Modbus.Planning;
using DataBridge.Connectors.Modbus.Transport;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.Modbus.Tests.Client;

/// <summary>Runs a <see cref="ModbusDevicePoller"/> in the background and records every cycle it delivers.</summary>
internal sealed class PollerHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public PollerHarness(ModbusTransportOptions connection, IReadOnlyList<ModbusPollGroup> groups, ModbusPlannerOptions? planner = null, TimeProvider? time = null,
        Func<ModbusPollCycle, CancellationToken, ValueTask>? onCycle = null)
    {
        Poller = new ModbusDevicePoller(
            new ModbusDeviceOptions { Connection = connection, Planner = planner ?? new ModbusPlannerOptions() },
            groups,
            async (cycle, ct) =>
            {
                Cycles.Enqueue(cycle);
                if (onCycle is not null)
                {
                    await onCycle(cycle, ct);
                }
            },
            time);
        _run = Poller.RunAsync(_stop.Token);
    }

    public ModbusDevicePoller Poller { get; }

    public ConcurrentQueue<ModbusPollCycle> Cycles { get; } = new();

    public Task Run => _run;

    public async Task<ModbusPollCycle> WaitForCycleAsync(Func<ModbusPollCycle, bool> condition, string what, TimeSpan? timeout = null)
    {
        ModbusPollCycle? found = null;
        await Eventually.WaitUntilAsync(() =>
        {
            if (_run.IsFaulted)
            {
                throw new InvalidOperationException("The poller stopped: " + _run.Exception);
            }

            found = Cycles.LastOrDefault(condition);
            return found is not null;
        }, timeout ?? TimeSpan.FromSeconds(20), what);
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(20));
        _stop.Dispose();
    }
}
