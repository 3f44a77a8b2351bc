namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>
/// One item the managed client keeps monitored. Its client handle is its index in the list given to
/// <see cref="ManagedOpcUaClient"/>; values, statuses and recoveries name it by that handle.
/// </summary>
public sealed record ManagedMonitoredItem
{
    /// <summary>Where the node is, resolved again on every new session.</summary>
    public required OpcUaNodeAddress Address { get; init; }

    /// <summary>The sampling interval to ask for; null means the publishing interval.</summary>
    public TimeSpan? SamplingInterval { get; init; }

    /// <summary>Values the server queues between publishes.</summary>
    public uint QueueSize { get; init; } = 10;

    /// <summary>Whether a full queue drops its oldest value (else the newest).</summary>
    public bool DiscardOldest { get; init; } = true;

    /// <summary>The deadband filter kind (Part 4 §7.22.2).</summary>
    public OpcUaDeadband Deadband { get; init; }

    /// <summary>The band in the server's raw units (absolute) or percent of the EURange (percent).</summary>
    public double DeadbandValue { get; init; }
}
