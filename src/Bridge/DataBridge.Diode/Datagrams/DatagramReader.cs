namespace DataBridge.Diode.Datagrams;

/// <summary>
/// Reads received datagrams: structure first (cheap, bounds every length), then the tag in constant time, then the
/// meaning of the fields. Nothing of an unauthenticated datagram reaches the caller.
/// </summary>
public static class DatagramReader
{
    /// <summary>Verifies and parses one datagram; on failure returns false with the reason and never throws.</summary>
    public static bool TryRead(ReadOnlySpan<byte> datagram, DatagramAuthenticator authenticator, out Datagram result, out DatagramError error)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        result = default;
        if (!DatagramHeader.TryReadStructure(datagram, out var header, out error))
        {
            return false;
        }

        var authenticatedLength = datagram.Length - DatagramLimits.TagLength;
        if (!authenticator.Verify(datagram[..authenticatedLength], datagram[authenticatedLength..]))
        {
            error = new DatagramError(DatagramError.TagField, 0, "does not verify: forged, altered in transit, or sent with another key");
            return false;
        }

        if (!header.Validate(out error))
        {
            return false;
        }

        result = new Datagram(header, datagram.Slice(DatagramHeader.Length, header.PayloadLength));
        return true;
    }

    /// <summary>Verifies and parses one datagram.</summary>
    /// <exception cref="DiodeFormatException">The structure or a field is invalid (names the field and value).</exception>
    /// <exception cref="DiodeAuthenticationException">The tag does not verify.</exception>
    public static Datagram Read(ReadOnlySpan<byte> datagram, DatagramAuthenticator authenticator) =>
        TryRead(datagram, authenticator, out var result, out var error) ? result : throw error.ToException();
}
