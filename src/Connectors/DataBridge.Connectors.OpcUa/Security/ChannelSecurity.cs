using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// Message security of a signing or encrypting policy (Part 6 §6.7): OpenSecureChannel chunks are signed with our
/// private key and encrypted with the server's public key (asymmetric, in every mode but None); every other chunk is
/// signed with HMAC and, in SignAndEncrypt, encrypted with AES-CBC using keys derived from the token's nonces.
/// One instance per secure channel: it holds the keys of the current and the previous token.
/// </summary>
internal sealed partial class ChannelSecurity : IChannelSecurity, IDisposable
{
    private const int SequenceHeaderSize = 8;
    private readonly SecurityPolicy _policy;
    private readonly MessageSecurityMode _mode;
    private readonly X509Certificate2 _localCertificate;
    private readonly RSA _localKey;
    private readonly byte[] _remoteCertificate;
    private readonly RSA _remoteKey;
    private readonly byte[] _localThumbprint;
    private readonly object _keysLock = new();
    private SymmetricKeySet? _current;
    private SymmetricKeySet? _previous;

    /// <param name="policy">The policy (not None).</param>
    /// <param name="mode">Sign or SignAndEncrypt.</param>
    /// <param name="localCertificate">Our application instance certificate with its RSA private key.</param>
    /// <param name="remoteCertificate">The server's certificate (leaf) from the endpoint description.</param>
    public ChannelSecurity(SecurityPolicy policy, MessageSecurityMode mode, X509Certificate2 localCertificate, X509Certificate2 remoteCertificate)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(localCertificate);
        ArgumentNullException.ThrowIfNull(remoteCertificate);
        if (policy.IsNone || mode is not (MessageSecurityMode.Sign or MessageSecurityMode.SignAndEncrypt))
        {
            throw new ArgumentException($"Policy {policy.Name} with mode {mode} needs no channel security; use SecurityPolicyNone.");
        }

        _policy = policy;
        _mode = mode;
        _localCertificate = localCertificate;
        _localKey = localCertificate.GetRSAPrivateKey()
            ?? throw new OpcUaCertificateException(StatusCodes.BadCertificateInvalid, $"Our application certificate ({localCertificate.Subject}, {localCertificate.Thumbprint}) has no RSA private key; the secure channel needs it to sign.", localCertificate.Thumbprint);
        _remoteKey = remoteCertificate.GetRSAPublicKey()
            ?? throw new OpcUaCertificateException(StatusCodes.BadCertificateInvalid, $"The server certificate ({remoteCertificate.Subject}) has no RSA public key.", remoteCertificate.Thumbprint);
        _remoteCertificate = remoteCertificate.RawData;
        LocalCertificate = localCertificate.RawData;
        _localThumbprint = CertificateThumbprint.Of(localCertificate.RawData);
        RemoteCertificateThumbprint = CertificateThumbprint.Of(_remoteCertificate);
        LocalKeyBytes = _localKey.KeySize / 8;
        RemoteKeyBytes = _remoteKey.KeySize / 8;
        CheckKeySize(localCertificate, _localKey.KeySize, "our application certificate");
        CheckKeySize(remoteCertificate, _remoteKey.KeySize, "the server certificate");
    }

    /// <inheritdoc />
    public string PolicyUri => _policy.Uri;

    /// <inheritdoc />
    public int SecurityMode => (int)_mode;

    /// <summary>The policy in use.</summary>
    public SecurityPolicy Policy => _policy;

    /// <inheritdoc />
    public ReadOnlyMemory<byte> LocalCertificate { get; }

    /// <inheritdoc />
    public ReadOnlyMemory<byte> RemoteCertificateThumbprint { get; }

    private int LocalKeyBytes { get; }

    private int RemoteKeyBytes { get; }

    private bool Encrypts => _mode == MessageSecurityMode.SignAndEncrypt;

    /// <inheritdoc />
    public ReadOnlyMemory<byte> CreateClientNonce() => RandomNumberGenerator.GetBytes(_policy.NonceSize);

    /// <inheritdoc />
    public void OnTokenIssued(uint tokenId, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce)
    {
        if (serverNonce.Length != _policy.NonceSize)
        {
            throw new OpcUaTransportException(StatusCodes.BadNonceInvalid, $"The server sent a {serverNonce.Length}-byte nonce in OpenSecureChannel; {_policy.Name} needs {_policy.NonceSize} bytes. The connection was closed.");
        }

        // Part 6 §6.7.5: client keys = P(serverNonce, clientNonce), server keys = P(clientNonce, serverNonce).
        var keys = new SymmetricKeySet(
            tokenId,
            KeyDerivation.Derive(_policy, serverNonce, clientNonce),
            KeyDerivation.Derive(_policy, clientNonce, serverNonce));
        lock (_keysLock)
        {
            _previous?.Dispose();
            _previous = _current;
            _current = keys;
        }
    }

    /// <inheritdoc />
    public void ForgetToken(uint tokenId)
    {
        lock (_keysLock)
        {
            if (_previous is not null && _previous.TokenId == tokenId)
            {
                _previous.Dispose();
                _previous = null;
            }
        }
    }

    /// <inheritdoc />
    public void CheckAsymmetricHeader(ReadOnlySpan<byte> senderCertificate, ReadOnlySpan<byte> receiverThumbprint)
    {
        // Part 6 §6.7.2.3: the receiver thumbprint names the certificate whose key encrypted the chunk: ours.
        if (!receiverThumbprint.SequenceEqual(_localThumbprint))
        {
            throw new OpcUaTransportException(StatusCodes.BadCertificateInvalid, $"The server encrypted its OpenSecureChannel response for certificate {Convert.ToHexString(receiverThumbprint)}, not for ours ({Convert.ToHexString(_localThumbprint)}). The connection was closed.");
        }

        // The sender certificate may be followed by its issuers (a chain of DER blobs); the leaf comes first.
        var leaf = CertificateChain.Leaf(senderCertificate);
        if (!leaf.SequenceEqual(_remoteCertificate))
        {
            throw new OpcUaTransportException(StatusCodes.BadCertificateInvalid, $"The server signed its OpenSecureChannel response with certificate {Convert.ToHexString(CertificateThumbprint.Of(leaf))}, not with the endpoint's certificate {Convert.ToHexString(RemoteCertificateThumbprint.Span)}. The connection was closed.");
        }
    }

    /// <inheritdoc />
    public int GetMaxBodySize(int chunkSize, int headerSize, bool asymmetric)
    {
        if (asymmetric)
        {
            var blocks = (chunkSize - headerSize) / RemoteKeyBytes;
            return (blocks * AsymmetricPlainBlockSize) - LocalKeyBytes - AsymmetricPaddingOverhead - SequenceHeaderSize;
        }

        if (!Encrypts)
        {
            return chunkSize - headerSize - _policy.SymmetricSignatureSize - SequenceHeaderSize;
        }

        var symmetricBlocks = (chunkSize - headerSize) / _policy.EncryptionBlockSize;
        return (symmetricBlocks * _policy.EncryptionBlockSize) - _policy.SymmetricSignatureSize - 1 - SequenceHeaderSize;
    }

    /// <inheritdoc />
    public int GetChunkSize(int headerSize, int plainPayloadSize, bool asymmetric)
    {
        if (asymmetric)
        {
            var plain = plainPayloadSize + AsymmetricPaddingSize(plainPayloadSize) + LocalKeyBytes;
            return headerSize + (plain / AsymmetricPlainBlockSize * RemoteKeyBytes);
        }

        return Encrypts
            ? headerSize + plainPayloadSize + SymmetricPaddingSize(plainPayloadSize) + _policy.SymmetricSignatureSize
            : headerSize + plainPayloadSize + _policy.SymmetricSignatureSize;
    }

    /// <inheritdoc />
    public void Secure(Span<byte> chunk, int headerSize, int plainPayloadSize, bool asymmetric)
    {
        if (asymmetric)
        {
            SecureAsymmetric(chunk, headerSize, plainPayloadSize);
        }
        else
        {
            SecureSymmetric(chunk, headerSize, plainPayloadSize);
        }
    }

    /// <inheritdoc />
    public int Unsecure(Span<byte> chunk, int headerSize, bool asymmetric) =>
        asymmetric ? UnsecureAsymmetric(chunk, headerSize) : UnsecureSymmetric(chunk, headerSize);

    public void Dispose()
    {
        lock (_keysLock)
        {
            _current?.Dispose();
            _previous?.Dispose();
            _current = _previous = null;
        }

        _remoteKey.Dispose();
        _localKey.Dispose();
    }

    /// <summary>The keys of <paramref name="tokenId"/>; <paramref name="newer"/> is the current set when that token is the previous one.</summary>
    private SymmetricKeySet KeysFor(uint tokenId, out SymmetricKeySet? newer)
    {
        newer = null;
        lock (_keysLock)
        {
            if (_current is not null && _current.TokenId == tokenId)
            {
                return _current;
            }

            if (_previous is not null && _previous.TokenId == tokenId)
            {
                newer = _current;
                return _previous;
            }

            // An older token id of this channel (the channel vetted it): its keys are gone, the newest keys must verify.
            return _current ?? throw new OpcUaTransportException(StatusCodes.BadSecureChannelTokenUnknown, $"No keys for security token {tokenId}: no token was issued yet. The connection was closed.");
        }
    }

    private void CheckKeySize(X509Certificate2 certificate, int bits, string which)
    {
        if (bits < _policy.MinAsymmetricKeySize || bits > _policy.MaxAsymmetricKeySize)
        {
            throw new OpcUaCertificateException(
                StatusCodes.BadCertificateUseNotAllowed,
                $"The RSA key of {which} ({certificate.Subject}) has {bits} bits; {_policy.Name} needs {_policy.MinAsymmetricKeySize}–{_policy.MaxAsymmetricKeySize} bits. Use another policy or another certificate.",
                certificate.Thumbprint);
        }
    }

    private static OpcUaTransportException ChecksFailed(string what) =>
        new(StatusCodes.BadSecurityChecksFailed, $"A chunk from the server failed its security checks: {what}. The connection was closed; if it repeats, the network or the server corrupts messages.");

    private static uint ReadTokenId(ReadOnlySpan<byte> chunk) => BinaryPrimitives.ReadUInt32LittleEndian(chunk[12..]);
}
