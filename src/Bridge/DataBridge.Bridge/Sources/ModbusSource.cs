using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Pipeline;
using DataBridge.Connectors.Modbus.Client;
using DataBridge.Connectors.Modbus.Planning;
using DataBridge.Connectors.Modbus.Transport;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Sources;

/// <summary>
/// A Modbus device as a bridge source: its tags become poll-group points, every poll cycle runs through the
/// pipeline, and the next cycle of a group starts only once the sink has accepted the previous one.
/// </summary>
internal sealed class ModbusSource : IBridgeSource
{
    private readonly ModbusDevicePoller _poller;
    private readonly Dictionary<string, int[]> _slotsByGroup = new(StringComparer.Ordinal);
    private readonly ModbusExceptionReporter _exceptions;
    private readonly ModbusHealthTracker _health;

    public ModbusSource(ModbusSourceDefinition definition, SourcePipeline pipeline, TimeProvider time, ILogger logger)
    {
        Pipeline = pipeline;
        _exceptions = new ModbusExceptionReporter(definition, logger);
        var groups = new List<ModbusPollGroup>(definition.PollGroups.Count);
        foreach (var group in definition.PollGroups)
        {
            var points = new List<ModbusPoint>();
            var slots = new List<int>();
            for (var slot = 0; slot < definition.Tags.Count; slot++)
            {
                if (definition.Tags[slot] is ModbusTagDefinition tag && string.Equals(tag.PollGroup, group.Name, StringComparison.Ordinal))
                {
                    points.Add(new ModbusPoint
                    {
                        Table = tag.Table,
                        Address = tag.Address,
                        DataType = tag.DataType,
                        ByteOrder = tag.ByteOrder,
                        BitIndex = Math.Max(tag.BitIndex, 0),
                        StringLength = tag.StringLength,
                        StringTrim = tag.StringTrim,
                    });
                    slots.Add(slot);
                }
            }

            if (points.Count == 0)
            {
                continue;
            }

            groups.Add(new ModbusPollGroup { Name = group.Name, Interval = group.Interval, Points = points });
            _slotsByGroup[group.Name] = [.. slots];
        }

        var options = new ModbusDeviceOptions
        {
            Connection = new ModbusTransportOptions
            {
                Host = definition.Host,
                Port = definition.Port,
                UnitId = definition.UnitId,
                RequestTimeout = definition.RequestTimeout,
                MaxInFlight = definition.MaxInFlight,
            },
            Planner = new ModbusPlannerOptions
            {
                MaxRegistersPerRequest = definition.MaxRegistersPerRequest,
                MaxBitsPerRequest = definition.MaxBitsPerRequest,
                MaxRegisterGap = definition.MaxGap,
                MaxBitGap = definition.MaxGap,
            },
        };
        _poller = new ModbusDevicePoller(options, groups, OnCycleAsync, time, logger);

        // Stale: no answered poll for three of the slowest rhythms (a poll may take its interval plus a timeout).
        var slowest = definition.RequestTimeout;
        foreach (var group in groups)
        {
            slowest = group.Interval + definition.RequestTimeout > slowest ? group.Interval + definition.RequestTimeout : slowest;
        }

        var staleAfter = TimeSpan.FromTicks(Math.Max(3 * slowest.Ticks, TimeSpan.FromSeconds(10).Ticks));
        _health = new ModbusHealthTracker(definition.Id, $"{definition.Host}:{definition.Port} unit {definition.UnitId}", staleAfter, time);
    }

    public SourcePipeline Pipeline { get; }

    public Hosting.SourceHealth Health => _health.Snapshot();

    public Task RunAsync(CancellationToken cancellationToken) => _poller.RunAsync(cancellationToken);

    private ValueTask OnCycleAsync(ModbusPollCycle cycle, CancellationToken cancellationToken)
    {
        var slots = _slotsByGroup[cycle.GroupName];
        _exceptions.Observe(cycle.Samples, slots);
        _health.Observe(cycle.Samples);
        return Pipeline.ProcessAsync(cycle.Samples, slots, cancellationToken);
    }

    public void Dispose() => Pipeline.Dispose();
}
