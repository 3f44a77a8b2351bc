using DataBridge.Connectors.OpcUa.Managed;
using DataBridge.Connectors.OpcUa.Subscriptions;

namespace DataBridge.Connectors.OpcUa.Tests.Managed;

/// <summary>Records what a managed client hands over, in order, as short entries (<c>value:0</c>, <c>gap:SubscriptionLost</c>, ...).</summary>
internal sealed class RecordingHandler(TimeProvider? clock = null) : IManagedOpcUaHandler
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly List<string> _entries = [];
    private readonly List<OpcUaItemStatus> _unavailable = [];
    private readonly List<OpcUaGap> _gaps = [];

    public string[] Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public OpcUaItemStatus[] Unavailable
    {
        get
        {
            lock (_entries)
            {
                return [.. _unavailable];
            }
        }
    }

    public OpcUaGap[] Gaps
    {
        get
        {
            lock (_entries)
            {
                return [.. _gaps];
            }
        }
    }

    /// <summary>When each outage was handed over (on the handler's clock) and the downtime the client measured.</summary>
    public List<(DateTimeOffset At, TimeSpan DisconnectedFor)> Outages { get; } = [];

    public int ValuesOf(uint handle)
    {
        var key = $"value:{handle}";
        return Entries.Count(e => e == key);
    }

    public ValueTask OnValuesAsync(IReadOnlyList<ItemNotification> values, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            foreach (var v in values)
            {
                _entries.Add($"value:{v.ClientHandle}");
            }
        }

        return default;
    }

    public ValueTask OnGapAsync(OpcUaGap gap, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            _entries.Add($"gap:{gap.Reason}");
            _gaps.Add(gap);
        }

        return default;
    }

    public ValueTask OnItemsUnavailableAsync(IReadOnlyList<OpcUaItemStatus> items, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            foreach (var item in items)
            {
                _entries.Add($"unavailable:{item.ClientHandle}");
                _unavailable.Add(item);
            }
        }

        return default;
    }

    public ValueTask OnOutageAsync(TimeSpan disconnectedFor, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            _entries.Add("outage");
            Outages.Add((_clock.GetUtcNow(), disconnectedFor));
        }

        return default;
    }

    public ValueTask OnNodesDescribedAsync(IReadOnlyList<OpcUaNodeResolution> resolutions, IReadOnlyList<OpcUaNodeDescription> descriptions, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            _entries.Add($"described:{descriptions.Count}");
        }

        return default;
    }
}
