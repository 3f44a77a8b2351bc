using System.Security.Cryptography;
using DataBridge.Connectors.OpcUa.Transport;

namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// Symmetric chunks (Part 6 §6.7.2): HMAC over header, sequence header, body and padding; in SignAndEncrypt, AES-CBC
/// over everything after the security header. Done in place in the channel's pooled chunk buffer, without allocations.
/// </summary>
internal sealed partial class ChannelSecurity
{
    /// <summary>
    /// Bytes of the padding area (PaddingSize byte + padding) so that sequence header, body, padding and signature fill
    /// whole AES blocks (Part 6 §6.7.2.5).
    /// </summary>
    private int SymmetricPaddingSize(int plainPayloadSize)
    {
        var block = _policy.EncryptionBlockSize;
        var padding = (block - ((plainPayloadSize + _policy.SymmetricSignatureSize + 1) % block)) % block;
        return 1 + padding;
    }

    private void SecureSymmetric(Span<byte> chunk, int headerSize, int plainPayloadSize)
    {
        var keys = KeysFor(ReadTokenId(chunk), out _);
        var offset = headerSize + plainPayloadSize;
        if (Encrypts)
        {
            var area = SymmetricPaddingSize(plainPayloadSize);
            chunk.Slice(offset, area).Fill((byte)(area - 1));
            offset += area;
        }

        var signature = chunk.Slice(offset, _policy.SymmetricSignatureSize);
        KeyDerivation.Hmac(_policy.SymmetricSignatureHash, keys.Client.SigningKey, chunk[..offset], signature);
        if (Encrypts)
        {
            var encrypted = chunk[headerSize..(offset + signature.Length)];
            keys.ClientCipher.Transform(encrypted);
        }
    }

    private int UnsecureSymmetric(Span<byte> chunk, int headerSize)
    {
        var tokenId = ReadTokenId(chunk);
        var keys = KeysFor(tokenId, out var newer);
        if (newer is null)
        {
            return TryUnsecureSymmetric(keys, chunk, headerSize, out var length)
                ? length
                : throw ChecksFailed($"the {_policy.SymmetricSignatureHash.Name} HMAC signature of a {chunk.Length}-byte chunk (token {tokenId}) does not match");
        }

        // A chunk under the previous token, after a renewal. node-opcua, once that token expired on its side, secures
        // the answer to a request sent under it with the newest keys but still writes the old token id: try both.
        var secured = chunk[headerSize..];
        var copy = System.Buffers.ArrayPool<byte>.Shared.Rent(secured.Length);
        try
        {
            secured.CopyTo(copy);
            if (TryUnsecureSymmetric(keys, chunk, headerSize, out var length))
            {
                return length;
            }

            copy.AsSpan(0, secured.Length).CopyTo(secured);
            return TryUnsecureSymmetric(newer, chunk, headerSize, out length)
                ? length
                : throw ChecksFailed($"the {_policy.SymmetricSignatureHash.Name} HMAC signature of a {chunk.Length}-byte chunk matches neither token {tokenId} nor token {newer.TokenId}");
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>Decrypts and verifies with one token's keys; false when the signature does not match.</summary>
    private bool TryUnsecureSymmetric(SymmetricKeySet keys, Span<byte> chunk, int headerSize, out int payloadLength)
    {
        payloadLength = 0;
        var signatureSize = _policy.SymmetricSignatureSize;
        var secured = chunk[headerSize..];
        if (Encrypts)
        {
            if (secured.Length == 0 || secured.Length % _policy.EncryptionBlockSize != 0)
            {
                throw ChecksFailed($"the encrypted part of a {chunk.Length}-byte chunk is {secured.Length} bytes, not a whole number of {_policy.EncryptionBlockSize}-byte blocks (truncated chunk)");
            }

            keys.ServerCipher.Transform(secured);
        }

        var minimum = SequenceHeaderSize + signatureSize + (Encrypts ? 1 : 0);
        if (secured.Length < minimum)
        {
            throw ChecksFailed($"a {chunk.Length}-byte chunk has no room for its sequence header and {signatureSize}-byte signature (truncated chunk)");
        }

        var signedLength = chunk.Length - signatureSize;
        Span<byte> expected = stackalloc byte[signatureSize];
        KeyDerivation.Hmac(_policy.SymmetricSignatureHash, keys.Server.SigningKey, chunk[..signedLength], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, chunk.Slice(signedLength, signatureSize)))
        {
            return false;
        }

        var payloadEnd = signedLength;
        if (Encrypts)
        {
            payloadEnd -= CheckPadding(chunk[(headerSize + SequenceHeaderSize)..signedLength], extraPaddingByte: false);
        }

        payloadLength = payloadEnd - headerSize;
        return true;
    }

    /// <summary>
    /// Checks the padding at the end of <paramref name="plain"/> (body + padding, signature excluded): every padding byte
    /// and the PaddingSize byte hold the padding count (its low byte when ExtraPaddingSize follows). Returns the size of
    /// the padding area.
    /// </summary>
    private static int CheckPadding(ReadOnlySpan<byte> plain, bool extraPaddingByte)
    {
        if (plain.Length < (extraPaddingByte ? 2 : 1))
        {
            throw ChecksFailed("the chunk is too short for its padding");
        }

        int count;
        int area;
        byte low;
        if (extraPaddingByte)
        {
            low = plain[^2];
            count = (plain[^1] << 8) | low;
            area = count + 2;
        }
        else
        {
            low = plain[^1];
            count = low;
            area = count + 1;
        }

        if (area > plain.Length)
        {
            throw ChecksFailed($"the padding claims {count} bytes but the chunk holds only {plain.Length}");
        }

        var padding = plain.Slice(plain.Length - area, extraPaddingByte ? area - 1 : area);
        if (padding.IndexOfAnyExcept(low) >= 0)
        {
            throw ChecksFailed($"the {count} padding bytes do not all hold the padding size {low}");
        }

        return area;
    }
}
