namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// The seam where message security plugs into the secure channel (Part 6 §6.7.2–6.7.6): what goes into the
/// asymmetric security header, how much room signing and padding take, and how a chunk is secured before it is
/// sent and checked after it is received: <see cref="SecurityPolicyNone"/>, and <see cref="ChannelSecurity"/> for the
/// signing and encrypting policies.
/// </summary>
internal interface IChannelSecurity
{
    /// <summary>The SecurityPolicyUri written in the asymmetric header and the OpenSecureChannel request.</summary>
    string PolicyUri { get; }

    /// <summary>MessageSecurityMode value (Part 4 §7.20): 1 None, 2 Sign, 3 SignAndEncrypt.</summary>
    int SecurityMode { get; }

    /// <summary>The client's DER certificate for the asymmetric header, empty when the policy needs none.</summary>
    ReadOnlyMemory<byte> LocalCertificate { get; }

    /// <summary>SHA-1 thumbprint of the server certificate for the asymmetric header, empty when the policy needs none.</summary>
    ReadOnlyMemory<byte> RemoteCertificateThumbprint { get; }

    /// <summary>
    /// Largest body (sequence header excluded) that fits in a chunk of <paramref name="chunkSize"/> bytes whose
    /// headers take <paramref name="headerSize"/> bytes, after padding and signature.
    /// </summary>
    int GetMaxBodySize(int chunkSize, int headerSize, bool asymmetric);

    /// <summary>The final size on the wire of a chunk with this header and plain-text payload (sequence header + body).</summary>
    int GetChunkSize(int headerSize, int plainPayloadSize, bool asymmetric);

    /// <summary>
    /// Pads, signs and encrypts a chunk in place. <paramref name="chunk"/> holds the headers and the plain payload and
    /// has room for <see cref="GetChunkSize"/> bytes.
    /// </summary>
    void Secure(Span<byte> chunk, int headerSize, int plainPayloadSize, bool asymmetric);

    /// <summary>
    /// Decrypts and verifies a received chunk in place; returns the plain payload length (sequence header + body) that
    /// follows the headers. Throws <c>OpcUaTransportException</c> (BadSecurityChecksFailed) when verification fails.
    /// </summary>
    int Unsecure(Span<byte> chunk, int headerSize, bool asymmetric);

    /// <summary>The nonce sent in OpenSecureChannel (empty for None).</summary>
    ReadOnlyMemory<byte> CreateClientNonce();

    /// <summary>Called with the server nonce of each issued or renewed token so keys can be derived (Part 6 §6.7.5).</summary>
    void OnTokenIssued(uint tokenId, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce);

    /// <summary>The server has switched to a newer token (or the old one expired): the keys of <paramref name="tokenId"/> go.</summary>
    void ForgetToken(uint tokenId);

    /// <summary>
    /// Checks the asymmetric security header of an OpenSecureChannel response (Part 6 §6.7.2.3): the sender certificate
    /// must be the server's, the receiver thumbprint ours. Throws <c>OpcUaTransportException</c> otherwise.
    /// </summary>
    void CheckAsymmetricHeader(ReadOnlySpan<byte> senderCertificate, ReadOnlySpan<byte> receiverThumbprint);
}
