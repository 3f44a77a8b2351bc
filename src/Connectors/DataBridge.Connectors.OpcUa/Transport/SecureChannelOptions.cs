namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>How a secure channel is opened and kept (Part 4 §5.5, Part 6 §6.7.4).</summary>
public sealed record SecureChannelOptions
{
    /// <summary>Chunk and message limits offered in Hello.</summary>
    public OpcUaTransportLimits Limits { get; init; } = OpcUaTransportLimits.Default;

    /// <summary>Token lifetime asked of the server (default 1 hour); the server revises it and the client renews at 75 %.</summary>
    public TimeSpan RequestedTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Deadline for TCP connect, Hello/Acknowledge and OpenSecureChannel together (default 10 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline for one request's response when the caller gives none (default 15 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
