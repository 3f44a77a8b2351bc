using DataBridge.Connectors.OpcUa.Transport;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>How <see cref="OpcUaClient"/> connects, identifies itself and keeps its session alive.</summary>
public sealed record OpcUaClientOptions
{
    /// <summary>The defaults.</summary>
    public static OpcUaClientOptions Default { get; } = new();

    /// <summary>Application name sent in CreateSession (shown in the server's session list).</summary>
    public string ApplicationName { get; init; } = "DataBridge";

    /// <summary>Application URI sent in CreateSession.</summary>
    public string ApplicationUri { get; init; } = "urn:databridge:client";

    /// <summary>Product URI sent in CreateSession.</summary>
    public string ProductUri { get; init; } = "urn:databridge";

    /// <summary>Session name (default: application name and machine name).</summary>
    public string? SessionName { get; init; }

    /// <summary>Session timeout asked of the server (default 60 s); the server revises it.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Interval of the keep-alive Read of Server_ServerStatus_State (default 5 s; zero disables it).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Security policy, mode, our certificate and the server certificate validator. The default is None/None (no
    /// certificates); a source that says nothing about security should pass <c>new OpcUaSecurityOptions { ClientCertificate = … }</c>
    /// so the strongest policy the server offers is chosen.
    /// </summary>
    public OpcUaSecurityOptions Security { get; init; } = OpcUaSecurityOptions.None;

    /// <summary>Secure channel settings: limits, token lifetime, connect and request timeouts.</summary>
    public SecureChannelOptions Channel { get; init; } = new();

    /// <summary>RequestedMaxReferencesPerNode for Browse (default 1,000; 0 lets the server decide).</summary>
    public uint MaxReferencesPerBrowse { get; init; } = 1000;

    /// <summary>Most nodes per Read request; larger reads are split (default 1,000).</summary>
    public int MaxNodesPerRead { get; init; } = 1000;

    /// <summary>Extra connect attempts on transient failures, with exponential backoff (default 2).</summary>
    public int ConnectRetryAttempts { get; init; } = 2;

    /// <summary>First backoff delay between connect attempts (default 500 ms, doubling).</summary>
    public TimeSpan ConnectRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A copy with the channel's connect deadline (TCP, Hello, OpenSecureChannel) and per-request timeout set, so callers
    /// above the client API need not know the transport's options type.
    /// </summary>
    public OpcUaClientOptions WithTimeouts(TimeSpan connectTimeout, TimeSpan requestTimeout) =>
        this with { Channel = Channel with { ConnectTimeout = connectTimeout, RequestTimeout = requestTimeout } };

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        Channel.Limits.Validate();
        ArgumentNullException.ThrowIfNull(Security, nameof(Security));
        Security.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SessionTimeout, TimeSpan.Zero, nameof(SessionTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(KeepAliveInterval, TimeSpan.Zero, nameof(KeepAliveInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNodesPerRead, 1, nameof(MaxNodesPerRead));
        ArgumentOutOfRangeException.ThrowIfNegative(ConnectRetryAttempts, nameof(ConnectRetryAttempts));
    }
}
