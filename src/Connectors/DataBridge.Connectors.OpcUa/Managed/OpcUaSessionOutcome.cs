namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>How a connect kept (or did not keep) the subscription.</summary>
public enum OpcUaSessionOutcome
{
    /// <summary>Not a connect: the connection went down or an attempt failed.</summary>
    None,

    /// <summary>The first session: the subscription was created.</summary>
    Created,

    /// <summary>The old session was activated on a new channel; its subscription continues (Part 4 §6.7).</summary>
    Reactivated,

    /// <summary>A new session took the subscription over with TransferSubscriptions (Part 4 §5.13.7).</summary>
    Transferred,

    /// <summary>The server had lost the subscription; it was created again after a gap.</summary>
    Recreated,
}
