using DataBridge.Bridge.Outbox;

namespace DataBridge.Bridge.Hosting;

/// <summary>How the host stores and forwards records.</summary>
public sealed class BridgeHostOptions
{
    /// <summary>
    /// Puts the disk outbox between the pipeline and Kafka (default). Off, a value is acknowledged upstream only
    /// after Kafka acknowledged it, and a crash loses what was in flight (numbered in a gap record at restart).
    /// </summary>
    public bool UseOutbox { get; init; } = true;

    /// <summary>Outbox settings; the directory defaults to <c>&lt;stateDir&gt;/outbox</c>.</summary>
    public OutboxOptions? Outbox { get; init; }

    /// <summary>Serve <c>GET /healthz</c> here (loopback only); null serves nothing.</summary>
    public Uri? HealthUrl { get; init; }

    /// <summary>How often the fill level of the outbox and the counters are logged.</summary>
    public TimeSpan HealthLogInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a clean stop waits for the outbox to be forwarded before it exits.</summary>
    public TimeSpan DrainOnStop { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reconnect and subscription settings of OPC UA sources (tests shorten them); null for the defaults.</summary>
    internal Sources.OpcUa.OpcUaSourceOptions? OpcUa { get; init; }
}
