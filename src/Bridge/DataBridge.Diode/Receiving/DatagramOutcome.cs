namespace DataBridge.Diode.Receiving;

/// <summary>What the receiver did with one datagram.</summary>
public enum DatagramOutcome
{
    /// <summary>Verified and used (a symbol of an open block, or a heartbeat).</summary>
    Accepted,

    /// <summary>Verified, but seen before (same stream and datagram sequence): dropped.</summary>
    Duplicate,

    /// <summary>Verified, but for a block already delivered or given up, or from a stream the sender has left: dropped.</summary>
    Stale,

    /// <summary>Not a well-formed datagram of this protocol, or a field out of its rules: dropped and counted.</summary>
    Rejected,

    /// <summary>The authentication tag did not verify (forged, altered, another key): dropped and counted.</summary>
    Unauthenticated,
}
