using DataBridge.Bridge.Configuration;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Managed;
using DataBridge.Connectors.OpcUa.Subscriptions;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>How an <see cref="OpcUaSource"/> connects and reconnects; the defaults suit a plant network.</summary>
internal sealed record OpcUaSourceOptions
{
    /// <summary>The defaults.</summary>
    public static OpcUaSourceOptions Default { get; } = new();

    /// <summary>First delay before reconnecting after a loss (doubles per failed attempt, with jitter).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest delay between reconnect attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one connect (channel, session, subscription set-up) may take before it counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Client settings (session timeout, keep-alive reads).</summary>
    public OpcUaClientOptions Client { get; init; } = OpcUaClientOptions.Default with { ConnectRetryAttempts = 0, KeepAliveInterval = TimeSpan.FromSeconds(2) };

    /// <summary>Publish pipelining and watchdog settings.</summary>
    public SubscriptionEngineOptions Engine { get; init; } = SubscriptionEngineOptions.Default;

    /// <summary>How often due heartbeats are looked for.</summary>
    public TimeSpan HeartbeatCheckInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often tags whose node was missing or refused are tried again while connected (a PLC program may load after
    /// its OPC UA server starts).
    /// </summary>
    public TimeSpan DeadTagRetryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The connector's settings for <paramref name="source"/>: these options with its subscription settings.</summary>
    public ManagedOpcUaClientOptions ToManaged(OpcUaSourceDefinition source) => new()
    {
        Name = $"Source {source.Id}",
        ReconnectDelay = ReconnectDelay,
        MaxReconnectDelay = MaxReconnectDelay,
        ConnectTimeout = ConnectTimeout,
        Client = Client,
        Engine = Engine,
        DeadItemRetryInterval = DeadTagRetryInterval,
        Subscription = new SubscriptionSettings
        {
            PublishingInterval = source.PublishingInterval,
            MaxKeepAliveCount = source.KeepAliveCount,
            LifetimeCount = source.LifetimeCount,
            MaxNotificationsPerPublish = source.MaxNotificationsPerPublish,
        },
    };

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReconnectDelay, TimeSpan.Zero, nameof(ReconnectDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReconnectDelay, ReconnectDelay, nameof(MaxReconnectDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HeartbeatCheckInterval, TimeSpan.Zero, nameof(HeartbeatCheckInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DeadTagRetryInterval, TimeSpan.Zero, nameof(DeadTagRetryInterval));
        Client.Validate();
        Engine.Validate();
    }
}
