namespace DataBridge.Diode.Datagrams;

/// <summary>Writes complete, authenticated datagrams: header, payload, tag.</summary>
public static class DatagramWriter
{
    /// <summary>
    /// Writes the datagram for <paramref name="header"/> (its <see cref="DatagramHeader.PayloadLength"/> is taken from
    /// <paramref name="payload"/>) into <paramref name="destination"/> and returns its length.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The header breaks a rule a receiver would reject it for, the payload exceeds
    /// <see cref="DatagramLimits.MaxPayloadLength"/>, or the destination is too short.
    /// </exception>
    public static int Write(Span<byte> destination, DatagramHeader header, ReadOnlySpan<byte> payload, DatagramAuthenticator authenticator)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        if (payload.Length > DatagramLimits.MaxPayloadLength)
        {
            throw new ArgumentException($"A payload of {payload.Length} bytes exceeds the {DatagramLimits.MaxPayloadLength}-byte limit.", nameof(payload));
        }

        header = header with { PayloadLength = (ushort)payload.Length };
        if (!header.Validate(out var error))
        {
            throw new ArgumentException($"The header would be rejected: {error.Field} = {error.Value} {error.Rule}.", nameof(header));
        }

        var length = header.DatagramLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The datagram needs {length} bytes, the destination has {destination.Length}.", nameof(destination));
        }

        header.Write(destination);
        payload.CopyTo(destination[DatagramHeader.Length..]);
        var authenticated = destination[..(DatagramHeader.Length + payload.Length)];
        authenticator.ComputeTag(authenticated, destination.Slice(authenticated.Length, DatagramLimits.TagLength));
        return length;
    }
}
