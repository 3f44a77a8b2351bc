using System.Security.Cryptography;

namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// Part 6 §6.7.5: the symmetric keys of a security token are derived from the two OpenSecureChannel nonces with the
/// TLS pseudo-random function P_SHA1 / P_SHA256 (RFC 2246 §5): P(secret, seed) = HMAC(secret, A(1) + seed) +
/// HMAC(secret, A(2) + seed) + …, with A(0) = seed and A(n) = HMAC(secret, A(n−1)).
/// </summary>
public static class KeyDerivation
{
    /// <summary>Fills <paramref name="output"/> with the first bytes of P_hash(secret, seed).</summary>
    public static void PHash(HashAlgorithmName hash, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> seed, Span<byte> output)
    {
        var hashSize = HashSize(hash);
        Span<byte> a = stackalloc byte[hashSize];
        Span<byte> block = stackalloc byte[hashSize];
        Span<byte> next = stackalloc byte[hashSize];
        var input = new byte[hashSize + seed.Length];
        seed.CopyTo(input.AsSpan(hashSize));

        // A(1) = HMAC(secret, seed)
        Hmac(hash, secret, seed, a);
        var written = 0;
        while (written < output.Length)
        {
            a.CopyTo(input);
            Hmac(hash, secret, input, block);
            var take = Math.Min(hashSize, output.Length - written);
            block[..take].CopyTo(output[written..]);
            written += take;
            Hmac(hash, secret, a, next);
            next.CopyTo(a);
        }

        CryptographicOperations.ZeroMemory(input);
        CryptographicOperations.ZeroMemory(block);
    }

    /// <summary>
    /// Derives the keys one side uses to secure what it sends (Part 6 Table: client keys from P(serverNonce, clientNonce),
    /// server keys from P(clientNonce, serverNonce)): signing key, encrypting key, initialization vector, in that order.
    /// </summary>
    public static DerivedKeys Derive(SecurityPolicy policy, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> seed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var total = policy.SigningKeySize + policy.EncryptionKeySize + policy.EncryptionBlockSize;
        var buffer = new byte[total];
        PHash(policy.KeyDerivationHash, secret, seed, buffer);
        var keys = new DerivedKeys(
            buffer.AsSpan(0, policy.SigningKeySize).ToArray(),
            buffer.AsSpan(policy.SigningKeySize, policy.EncryptionKeySize).ToArray(),
            buffer.AsSpan(policy.SigningKeySize + policy.EncryptionKeySize, policy.EncryptionBlockSize).ToArray());
        CryptographicOperations.ZeroMemory(buffer);
        return keys;
    }

    internal static int HashSize(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA1 ? 20
        : hash == HashAlgorithmName.SHA256 ? 32
        : throw new NotSupportedException($"Hash {hash.Name} is not used by any OPC UA security policy this client knows.");

    internal static void Hmac(HashAlgorithmName hash, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (hash == HashAlgorithmName.SHA256)
        {
            HMACSHA256.HashData(key, data, destination);
        }
        else
        {
#pragma warning disable CA5350 // HMAC-SHA1 is what the deprecated policies Basic128Rsa15 and Basic256 prescribe (Part 7).
            HMACSHA1.HashData(key, data, destination);
#pragma warning restore CA5350
        }
    }
}

/// <summary>The keys one side of a secure channel signs and encrypts with for one security token (Part 6 §6.7.5).</summary>
/// <param name="SigningKey">HMAC key.</param>
/// <param name="EncryptingKey">AES key.</param>
/// <param name="InitializationVector">AES-CBC IV, the same for every chunk (the sequence header makes each chunk's first block differ).</param>
public sealed record DerivedKeys(byte[] SigningKey, byte[] EncryptingKey, byte[] InitializationVector);
