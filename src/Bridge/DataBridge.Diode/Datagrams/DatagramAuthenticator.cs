using System.Security.Cryptography;

namespace DataBridge.Diode.Datagrams;

/// <summary>
/// Authenticates datagrams with HMAC-SHA256 (RFC 2104) under the pre-shared <see cref="DiodeKey"/>, the tag truncated
/// to its first 128 bits (<see cref="DatagramLimits.TagLength"/>): RFC 2104 §5 allows truncation to at least half the
/// output, and 128 bits is what IPsec uses for HMAC-SHA-256-128 (RFC 4868). A forger must guess 2^128 tags; the
/// receiver cannot be asked for a second try. Verification compares in constant time.
/// </summary>
/// <remarks>
/// Authentication stops injection and alteration, not replay: a captured datagram sent again verifies. Replay is
/// harmless here because the receiver de-duplicates records by (source, sequence).
/// </remarks>
public sealed class DatagramAuthenticator
{
    private readonly byte[] _key;

    /// <summary>Creates the authenticator for <paramref name="key"/>.</summary>
    public DatagramAuthenticator(DiodeKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key.MacKey.ToArray();
        Fingerprint = key.Fingerprint;
    }

    /// <summary>The key's fingerprint, for logs.</summary>
    public string Fingerprint { get; }

    /// <summary>Writes the <see cref="DatagramLimits.TagLength"/>-byte tag of <paramref name="authenticated"/> into <paramref name="tag"/>.</summary>
    public void ComputeTag(ReadOnlySpan<byte> authenticated, Span<byte> tag)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, authenticated, full);
        full[..DatagramLimits.TagLength].CopyTo(tag);
    }

    /// <summary>True when <paramref name="tag"/> is the tag of <paramref name="authenticated"/>; constant time in the tag's content.</summary>
    public bool Verify(ReadOnlySpan<byte> authenticated, ReadOnlySpan<byte> tag)
    {
        if (tag.Length != DatagramLimits.TagLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[DatagramLimits.TagLength];
        ComputeTag(authenticated, expected);
        return CryptographicOperations.FixedTimeEquals(expected, tag);
    }
}
