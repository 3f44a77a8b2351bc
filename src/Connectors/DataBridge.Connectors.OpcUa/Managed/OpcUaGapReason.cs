namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>Why notifications were lost.</summary>
public enum OpcUaGapReason
{
    /// <summary>The server no longer had the subscription (restart, lifetime ran out): changes since the last value are unknown.</summary>
    SubscriptionLost,

    /// <summary>A hole in the sequence numbers that Republish could not fill (the server's retransmission queue no longer had it).</summary>
    RepublishFailed,
}
