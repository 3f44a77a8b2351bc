using System.Security.Cryptography;

namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// The algorithms and key sizes of one OPC UA security policy (OPC 10000-7 "SecurityPolicy" profiles; Part 6 §6.7).
/// A pure description: the channel security, the certificate checks and the user identity tokens all read their
/// algorithms from here, so a policy's facts live in one place. <see cref="SecurityPolicies"/> lists the known ones.
/// </summary>
public sealed record SecurityPolicy
{
    /// <summary>The policy URI (e.g. <c>http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256</c>).</summary>
    public required string Uri { get; init; }

    /// <summary>The short name after '#', as written in configuration (e.g. <c>Basic256Sha256</c>).</summary>
    public required string Name { get; init; }

    /// <summary>True for None: no certificates, no signature, no encryption.</summary>
    public bool IsNone { get; init; }

    /// <summary>Deprecated by OPC 10000-7 (Basic128Rsa15, Basic256): used only when a source opts in explicitly.</summary>
    public bool IsDeprecated { get; init; }

    /// <summary>Preference when the client picks the strongest policy an endpoint offers (higher is stronger).</summary>
    public int Strength { get; init; }

    /// <summary>Hash of the asymmetric signature (OpenSecureChannel chunks, session signatures, X509 user tokens).</summary>
    public HashAlgorithmName AsymmetricSignatureHash { get; init; }

    /// <summary>Padding of the asymmetric signature: PKCS#1 v1.5, or PSS for Aes256_Sha256_RsaPss.</summary>
    public RSASignaturePadding? AsymmetricSignaturePadding { get; init; }

    /// <summary>
    /// URI of the asymmetric signature algorithm, written in SignatureData (CreateSession, ActivateSession, X509 user
    /// tokens): rsa-sha1, rsa-sha256 or rsa-pss-sha2-256 (Part 7 security policies).
    /// </summary>
    public string? AsymmetricSignatureAlgorithmUri { get; init; }

    /// <summary>Padding of asymmetric encryption (OpenSecureChannel chunks, encrypted user passwords).</summary>
    public RSAEncryptionPadding? AsymmetricEncryptionPadding { get; init; }

    /// <summary>
    /// URI of the asymmetric encryption algorithm, written as EncryptionAlgorithm of an encrypted user name token:
    /// rsa-1_5, rsa-oaep or rsa-oaep-sha2-256 (Part 7 security policies).
    /// </summary>
    public string? AsymmetricEncryptionAlgorithmUri { get; init; }

    /// <summary>Hash of the key derivation function P_hash (Part 6 §6.7.5): SHA-1 or SHA-256.</summary>
    public HashAlgorithmName KeyDerivationHash { get; init; }

    /// <summary>Hash of the HMAC that signs symmetric chunks.</summary>
    public HashAlgorithmName SymmetricSignatureHash { get; init; }

    /// <summary>Bytes of the HMAC signature on each symmetric chunk (20 for SHA-1, 32 for SHA-256).</summary>
    public int SymmetricSignatureSize { get; init; }

    /// <summary>Bytes of the derived signing key (Part 7: DerivedSignatureKeyLength / 8).</summary>
    public int SigningKeySize { get; init; }

    /// <summary>Bytes of the derived AES key (16 for AES-128-CBC, 32 for AES-256-CBC).</summary>
    public int EncryptionKeySize { get; init; }

    /// <summary>AES block size and IV size (16).</summary>
    public int EncryptionBlockSize { get; init; }

    /// <summary>Bytes of the client and server nonces in OpenSecureChannel.</summary>
    public int NonceSize { get; init; }

    /// <summary>Smallest RSA key (bits) the policy allows for either certificate.</summary>
    public int MinAsymmetricKeySize { get; init; }

    /// <summary>Largest RSA key (bits) the policy allows for either certificate.</summary>
    public int MaxAsymmetricKeySize { get; init; }

    /// <summary>
    /// Bytes of overhead RSA encryption adds per block with this policy's padding (PKCS#1 v1.5: 11; OAEP: 2 × hash + 2),
    /// so a key of k bytes encrypts k − overhead plain bytes per block.
    /// </summary>
    public int AsymmetricEncryptionOverhead =>
        AsymmetricEncryptionPadding is null ? 0
        : AsymmetricEncryptionPadding == RSAEncryptionPadding.Pkcs1 ? 11
        : AsymmetricEncryptionPadding == RSAEncryptionPadding.OaepSHA256 ? (2 * 32) + 2
        : (2 * 20) + 2;

    /// <inheritdoc />
    public override string ToString() => Name;
}
