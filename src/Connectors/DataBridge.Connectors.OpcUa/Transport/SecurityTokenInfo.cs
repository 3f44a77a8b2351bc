namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>The secure channel's current security token (Part 4 §5.5.2 ChannelSecurityToken).</summary>
/// <param name="ChannelId">The channel id the server assigned.</param>
/// <param name="TokenId">The token id used in every symmetric security header.</param>
/// <param name="CreatedAt">When the server created the token (server clock).</param>
/// <param name="RevisedLifetime">The lifetime the server granted.</param>
/// <param name="ReceivedAt">When the client received the token (client clock), from which renewal is timed.</param>
public sealed record SecurityTokenInfo(uint ChannelId, uint TokenId, DateTime CreatedAt, TimeSpan RevisedLifetime, DateTimeOffset ReceivedAt)
{
    /// <summary>No token yet (before OpenSecureChannel completes).</summary>
    public static SecurityTokenInfo None { get; } = new(0, 0, default, TimeSpan.Zero, default);
}
