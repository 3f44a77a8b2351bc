using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Subscriptions;

namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>How a <see cref="ManagedOpcUaClient"/> connects, reconnects and subscribes; the defaults suit a plant network.</summary>
public sealed record ManagedOpcUaClientOptions
{
    /// <summary>The defaults.</summary>
    public static ManagedOpcUaClientOptions Default { get; } = new();

    /// <summary>How log lines name this client (the bridge passes <c>Source &lt;id&gt;</c>).</summary>
    public string Name { get; init; } = "OPC UA client";

    /// <summary>First delay before reconnecting after a loss (doubles per failed attempt, with jitter).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest delay between reconnect attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one connect (channel, session, subscription set-up) may take before it counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The client settings (security, session timeout, keep-alive reads): the one options object of the connection.</summary>
    public OpcUaClientOptions Client { get; init; } = OpcUaClientOptions.Default with { ConnectRetryAttempts = 0, KeepAliveInterval = TimeSpan.FromSeconds(2) };

    /// <summary>Publish pipelining and watchdog settings.</summary>
    public SubscriptionEngineOptions Engine { get; init; } = SubscriptionEngineOptions.Default;

    /// <summary>The one subscription that holds every item.</summary>
    public SubscriptionSettings Subscription { get; init; } = SubscriptionSettings.Default;

    /// <summary>
    /// How often items whose node was missing or refused are tried again while connected (a PLC program may load after
    /// its OPC UA server starts).
    /// </summary>
    public TimeSpan DeadItemRetryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReconnectDelay, TimeSpan.Zero, nameof(ReconnectDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReconnectDelay, ReconnectDelay, nameof(MaxReconnectDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DeadItemRetryInterval, TimeSpan.Zero, nameof(DeadItemRetryInterval));
        Client.Validate();
        Engine.Validate();
        Subscription.Validate();
    }
}
