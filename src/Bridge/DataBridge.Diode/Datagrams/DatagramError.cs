namespace DataBridge.Diode.Datagrams;

/// <summary>
/// Why a datagram was rejected, without throwing: a receiver facing a flood of garbage counts these instead of paying
/// for an exception each. <see cref="ToException"/> makes the typed exception when one is wanted.
/// </summary>
/// <param name="Field">The field that broke the format (<c>header.magic</c>, <c>header.payloadLength</c>, <c>tag</c>...).</param>
/// <param name="Value">The value read for it.</param>
/// <param name="Rule">The rule it broke, as a phrase.</param>
public readonly record struct DatagramError(string Field, long Value, string Rule)
{
    /// <summary>The field name of an authentication failure.</summary>
    public const string TagField = "tag";

    /// <summary>True when the structure was fine but the tag did not verify: forged, altered, or a different key.</summary>
    public bool IsAuthenticationFailure => Field == TagField;

    /// <summary>The exception for this error: <see cref="DiodeAuthenticationException"/> or <see cref="DiodeFormatException"/>.</summary>
    public Exception ToException() => IsAuthenticationFailure
        ? new DiodeAuthenticationException($"Datagram rejected: {Rule}.")
        : new DiodeFormatException(Field, Value, $"Datagram rejected: {Field} = {Value} {Rule}.");
}
