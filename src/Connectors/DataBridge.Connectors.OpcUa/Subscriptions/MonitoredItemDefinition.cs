using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Connectors.OpcUa.Subscriptions;

/// <summary>
/// One value to monitor (Part 4 §5.12.2): the node (resolved for this session), the client's handle for it, sampling,
/// queueing and an optional DataChangeFilter (Part 4 §7.22.2). Status changes always pass the filter, whatever the deadband.
/// </summary>
public sealed record MonitoredItemDefinition
{
    /// <summary>The node whose Value attribute is monitored, resolved against this session's namespace table.</summary>
    public required NodeId NodeId { get; init; }

    /// <summary>The client's id for the item; every notification carries it.</summary>
    public required uint ClientHandle { get; init; }

    /// <summary>How often the server samples (default 100 ms; zero asks for exception-based reporting where the server can).</summary>
    public TimeSpan SamplingInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Notifications the server queues per item between publishes (default 10).</summary>
    public uint QueueSize { get; init; } = 10;

    /// <summary>Whether a full queue drops its oldest entry (default true) rather than the newest.</summary>
    public bool DiscardOldest { get; init; } = true;

    /// <summary>What counts as a change (default StatusValue: status or value, not timestamp alone).</summary>
    public DataChangeTrigger Trigger { get; init; } = DataChangeTrigger.StatusValue;

    /// <summary>Deadband kind (default None). Percent needs an EURange property on the variable (Part 8 §6.2).</summary>
    public DeadbandType Deadband { get; init; } = DeadbandType.None;

    /// <summary>Deadband width: engineering units for Absolute, percent of the EURange span for Percent.</summary>
    public double DeadbandValue { get; init; }

    /// <summary>Whether the item needs a DataChangeFilter (a trigger other than the default or a deadband).</summary>
    internal bool NeedsFilter => Deadband != DeadbandType.None || Trigger != DataChangeTrigger.StatusValue;
}
