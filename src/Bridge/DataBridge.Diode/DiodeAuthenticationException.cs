namespace DataBridge.Diode;

/// <summary>
/// A datagram's authentication tag did not verify: it was forged, altered in transit, or sent with a different key.
/// The datagram is dropped and counted; if every datagram fails, compare the key fingerprints logged by both sides.
/// </summary>
public sealed class DiodeAuthenticationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DiodeAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without details.</summary>
    public DiodeAuthenticationException()
        : base("Datagram authentication failed.")
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public DiodeAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
