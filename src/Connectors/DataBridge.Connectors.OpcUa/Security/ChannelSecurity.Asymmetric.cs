using System.Buffers;
using System.Security.Cryptography;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// Asymmetric (OpenSecureChannel) chunks, Part 6 §6.7.2: signed with the sender's private key over message header,
/// security headers, sequence header, body and padding; then sequence header through signature encrypted with the
/// receiver's public key, block by block, with the policy's RSA padding (OAEP-SHA1, OAEP-SHA256 or PKCS#1 v1.5).
/// In every mode but None, OpenSecureChannel is both signed and encrypted (the nonces are secrets).
/// </summary>
internal sealed partial class ChannelSecurity
{
    /// <summary>Plain bytes per RSA block when encrypting for the server.</summary>
    private int AsymmetricPlainBlockSize => RemoteKeyBytes - _policy.AsymmetricEncryptionOverhead;

    /// <summary>PaddingSize byte, plus ExtraPaddingSize when the encryption key is longer than 2,048 bits.</summary>
    private int AsymmetricPaddingOverhead => RemoteKeyBytes > 256 ? 2 : 1;

    private int AsymmetricPaddingSize(int plainPayloadSize)
    {
        var block = AsymmetricPlainBlockSize;
        var padding = (block - ((plainPayloadSize + LocalKeyBytes + AsymmetricPaddingOverhead) % block)) % block;
        return padding + AsymmetricPaddingOverhead;
    }

    private void SecureAsymmetric(Span<byte> chunk, int headerSize, int plainPayloadSize)
    {
        var area = AsymmetricPaddingSize(plainPayloadSize);
        var count = area - AsymmetricPaddingOverhead;
        var offset = headerSize + plainPayloadSize;
        chunk.Slice(offset, count + 1).Fill((byte)(count & 0xFF));
        if (AsymmetricPaddingOverhead == 2)
        {
            chunk[offset + count + 1] = (byte)(count >> 8);
        }

        offset += area;
        if (!_localKey.TrySignData(chunk[..offset], chunk.Slice(offset, LocalKeyBytes), _policy.AsymmetricSignatureHash, _policy.AsymmetricSignaturePadding!, out var signed) || signed != LocalKeyBytes)
        {
            throw new OpcUaTransportException(StatusCodes.BadSecurityChecksFailed, "Signing the OpenSecureChannel request failed.");
        }

        var plainLength = offset + LocalKeyBytes - headerSize;
        var plainBlock = AsymmetricPlainBlockSize;
        var plain = ArrayPool<byte>.Shared.Rent(plainLength);
        try
        {
            chunk.Slice(headerSize, plainLength).CopyTo(plain);
            for (var i = 0; i * plainBlock < plainLength; i++)
            {
                var source = plain.AsSpan(i * plainBlock, plainBlock);
                var destination = chunk.Slice(headerSize + (i * RemoteKeyBytes), RemoteKeyBytes);
                if (!_remoteKey.TryEncrypt(source, destination, _policy.AsymmetricEncryptionPadding!, out var written) || written != RemoteKeyBytes)
                {
                    throw new OpcUaTransportException(StatusCodes.BadSecurityChecksFailed, "Encrypting the OpenSecureChannel request with the server's public key failed.");
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain.AsSpan(0, plainLength));
            ArrayPool<byte>.Shared.Return(plain);
        }
    }

    private int UnsecureAsymmetric(Span<byte> chunk, int headerSize)
    {
        var encrypted = chunk[headerSize..];
        if (encrypted.Length == 0 || encrypted.Length % LocalKeyBytes != 0)
        {
            throw ChecksFailed($"the encrypted part of the OpenSecureChannel response is {encrypted.Length} bytes, not a whole number of {LocalKeyBytes}-byte RSA blocks (truncated chunk)");
        }

        var copy = ArrayPool<byte>.Shared.Rent(encrypted.Length);
        var plainLength = 0;
        try
        {
            encrypted.CopyTo(copy);
            for (var i = 0; i < encrypted.Length / LocalKeyBytes; i++)
            {
                var source = copy.AsSpan(i * LocalKeyBytes, LocalKeyBytes);
                if (!_localKey.TryDecrypt(source, chunk[(headerSize + plainLength)..], _policy.AsymmetricEncryptionPadding!, out var written))
                {
                    throw ChecksFailed("an RSA block of the OpenSecureChannel response does not fit");
                }

                plainLength += written;
            }
        }
        catch (CryptographicException ex)
        {
            throw new OpcUaTransportException(StatusCodes.BadSecurityChecksFailed, $"The OpenSecureChannel response could not be decrypted with our private key ({_policy.AsymmetricEncryptionPadding} padding). The connection was closed.", null, true, ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(copy.AsSpan(0, encrypted.Length));
            ArrayPool<byte>.Shared.Return(copy);
        }

        var signatureStart = headerSize + plainLength - RemoteKeyBytes;
        if (signatureStart < headerSize + SequenceHeaderSize)
        {
            throw ChecksFailed("the OpenSecureChannel response is too short for its sequence header and signature");
        }

        if (!_remoteKey.VerifyData(chunk[..signatureStart], chunk.Slice(signatureStart, RemoteKeyBytes), _policy.AsymmetricSignatureHash, _policy.AsymmetricSignaturePadding!))
        {
            throw ChecksFailed($"the {_policy.Name} signature of the OpenSecureChannel response does not verify with the server certificate");
        }

        // The server encrypted with our key: ExtraPaddingSize is present when our key is longer than 2,048 bits.
        var area = CheckPadding(chunk[(headerSize + SequenceHeaderSize)..signatureStart], extraPaddingByte: LocalKeyBytes > 256);
        return signatureStart - area - headerSize;
    }
}
