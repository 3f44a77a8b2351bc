namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// SecurityPolicy None (Part 7 "SecurityPolicy - None"): no certificates, no signature, no padding; chunks travel in
/// clear. Acceptable only on a trusted network or for browsing; the brief wants SignAndEncrypt for production.
/// </summary>
internal sealed class SecurityPolicyNone : IChannelSecurity
{
    /// <summary>The policy's URI.</summary>
    public const string Uri = "http://opcfoundation.org/UA/SecurityPolicy#None";

    /// <summary>One shared instance; the policy has no state.</summary>
    public static SecurityPolicyNone Instance { get; } = new();

    /// <inheritdoc />
    public string PolicyUri => Uri;

    /// <inheritdoc />
    public int SecurityMode => 1;

    /// <inheritdoc />
    public ReadOnlyMemory<byte> LocalCertificate => ReadOnlyMemory<byte>.Empty;

    /// <inheritdoc />
    public ReadOnlyMemory<byte> RemoteCertificateThumbprint => ReadOnlyMemory<byte>.Empty;

    /// <inheritdoc />
    public int GetMaxBodySize(int chunkSize, int headerSize, bool asymmetric) => chunkSize - headerSize - SequenceHeaderSize;

    /// <inheritdoc />
    public int GetChunkSize(int headerSize, int plainPayloadSize, bool asymmetric) => headerSize + plainPayloadSize;

    /// <inheritdoc />
    public void Secure(Span<byte> chunk, int headerSize, int plainPayloadSize, bool asymmetric)
    {
    }

    /// <inheritdoc />
    public int Unsecure(Span<byte> chunk, int headerSize, bool asymmetric) => chunk.Length - headerSize;

    /// <inheritdoc />
    public ReadOnlyMemory<byte> CreateClientNonce() => ReadOnlyMemory<byte>.Empty;

    /// <inheritdoc />
    public void OnTokenIssued(uint tokenId, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce)
    {
    }

    /// <inheritdoc />
    public void ForgetToken(uint tokenId)
    {
    }

    /// <inheritdoc />
    public void CheckAsymmetricHeader(ReadOnlySpan<byte> senderCertificate, ReadOnlySpan<byte> receiverThumbprint)
    {
    }

    private const int SequenceHeaderSize = 8;
}
