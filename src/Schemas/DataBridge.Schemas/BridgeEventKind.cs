namespace DataBridge.Schemas;

/// <summary>
/// What happened to a bridge. The order is the order of the symbols of <c>io.databridge.BridgeEventKind</c> in
/// bridge-event.avsc (Avro writes an enum as its symbol index); a test keeps the two equal. Append new members at the end.
/// </summary>
public enum BridgeEventKind
{
    /// <summary>A kind this reader's schema does not know (Avro enum default).</summary>
    Unknown = 0,
    /// <summary>The bridge started.</summary>
    Started,
    /// <summary>The bridge stopped.</summary>
    Stopped,
    /// <summary>The tag mapping was reloaded.</summary>
    ConfigReloaded,
    /// <summary>The bridge recovered its outbox after a crash or restart.</summary>
    Recovered,
    /// <summary>The outbox overflowed (see the gaps topic for the ranges).</summary>
    Overflow,
    /// <summary>A source connected.</summary>
    SourceConnected,
    /// <summary>A source disconnected.</summary>
    SourceDisconnected,
}
