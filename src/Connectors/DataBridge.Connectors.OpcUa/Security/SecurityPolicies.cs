using System.Security.Cryptography;

namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// The security policies this client knows, with their facts from OPC 10000-7 (the SecurityPolicy profiles) and
/// OPC 10000-6 §6.7. Ordered strongest first; <see cref="SecurityPolicy.Strength"/> decides when an endpoint offers
/// several.
/// </summary>
public static class SecurityPolicies
{
    private const string Prefix = "http://opcfoundation.org/UA/SecurityPolicy#";
    private const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    private const string RsaSha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    private const string RsaOaep = "http://www.w3.org/2001/04/xmlenc#rsa-oaep";

    /// <summary>No security (Part 7 "SecurityPolicy - None").</summary>
    public static SecurityPolicy None { get; } = new()
    {
        Uri = Prefix + "None",
        Name = "None",
        IsNone = true,
        Strength = 0,
    };

    /// <summary>Aes256_Sha256_RsaPss: RSA-PSS-SHA256 signatures, RSA-OAEP-SHA256 encryption, AES-256-CBC, HMAC-SHA256.</summary>
    public static SecurityPolicy Aes256Sha256RsaPss { get; } = new()
    {
        Uri = Prefix + "Aes256_Sha256_RsaPss",
        Name = "Aes256_Sha256_RsaPss",
        Strength = 50,
        AsymmetricSignatureHash = HashAlgorithmName.SHA256,
        AsymmetricSignaturePadding = RSASignaturePadding.Pss,
        AsymmetricSignatureAlgorithmUri = "http://opcfoundation.org/UA/security/rsa-pss-sha2-256",
        AsymmetricEncryptionPadding = RSAEncryptionPadding.OaepSHA256,
        AsymmetricEncryptionAlgorithmUri = "http://opcfoundation.org/UA/security/rsa-oaep-sha2-256",
        KeyDerivationHash = HashAlgorithmName.SHA256,
        SymmetricSignatureHash = HashAlgorithmName.SHA256,
        SymmetricSignatureSize = 32,
        SigningKeySize = 32,
        EncryptionKeySize = 32,
        EncryptionBlockSize = 16,
        NonceSize = 32,
        MinAsymmetricKeySize = 2048,
        MaxAsymmetricKeySize = 4096,
    };

    /// <summary>Basic256Sha256: RSA-PKCS1-v1.5-SHA256 signatures, RSA-OAEP-SHA1 encryption, AES-256-CBC, HMAC-SHA256.</summary>
    public static SecurityPolicy Basic256Sha256 { get; } = new()
    {
        Uri = Prefix + "Basic256Sha256",
        Name = "Basic256Sha256",
        Strength = 40,
        AsymmetricSignatureHash = HashAlgorithmName.SHA256,
        AsymmetricSignaturePadding = RSASignaturePadding.Pkcs1,
        AsymmetricSignatureAlgorithmUri = RsaSha256,
        AsymmetricEncryptionPadding = RSAEncryptionPadding.OaepSHA1,
        AsymmetricEncryptionAlgorithmUri = RsaOaep,
        KeyDerivationHash = HashAlgorithmName.SHA256,
        SymmetricSignatureHash = HashAlgorithmName.SHA256,
        SymmetricSignatureSize = 32,
        SigningKeySize = 32,
        EncryptionKeySize = 32,
        EncryptionBlockSize = 16,
        NonceSize = 32,
        MinAsymmetricKeySize = 2048,
        MaxAsymmetricKeySize = 4096,
    };

    /// <summary>Aes128_Sha256_RsaOaep: RSA-PKCS1-v1.5-SHA256 signatures, RSA-OAEP-SHA1 encryption, AES-128-CBC, HMAC-SHA256.</summary>
    public static SecurityPolicy Aes128Sha256RsaOaep { get; } = new()
    {
        Uri = Prefix + "Aes128_Sha256_RsaOaep",
        Name = "Aes128_Sha256_RsaOaep",
        Strength = 30,
        AsymmetricSignatureHash = HashAlgorithmName.SHA256,
        AsymmetricSignaturePadding = RSASignaturePadding.Pkcs1,
        AsymmetricSignatureAlgorithmUri = RsaSha256,
        AsymmetricEncryptionPadding = RSAEncryptionPadding.OaepSHA1,
        AsymmetricEncryptionAlgorithmUri = RsaOaep,
        KeyDerivationHash = HashAlgorithmName.SHA256,
        SymmetricSignatureHash = HashAlgorithmName.SHA256,
        SymmetricSignatureSize = 32,
        SigningKeySize = 32,
        EncryptionKeySize = 16,
        EncryptionBlockSize = 16,
        NonceSize = 32,
        MinAsymmetricKeySize = 2048,
        MaxAsymmetricKeySize = 4096,
    };

    /// <summary>Basic256 (deprecated): RSA-PKCS1-v1.5-SHA1 signatures, RSA-OAEP-SHA1 encryption, AES-256-CBC, HMAC-SHA1.</summary>
    public static SecurityPolicy Basic256 { get; } = new()
    {
        Uri = Prefix + "Basic256",
        Name = "Basic256",
        IsDeprecated = true,
        Strength = 20,
        AsymmetricSignatureHash = HashAlgorithmName.SHA1,
        AsymmetricSignaturePadding = RSASignaturePadding.Pkcs1,
        AsymmetricSignatureAlgorithmUri = RsaSha1,
        AsymmetricEncryptionPadding = RSAEncryptionPadding.OaepSHA1,
        AsymmetricEncryptionAlgorithmUri = RsaOaep,
        KeyDerivationHash = HashAlgorithmName.SHA1,
        SymmetricSignatureHash = HashAlgorithmName.SHA1,
        SymmetricSignatureSize = 20,
        SigningKeySize = 24,
        EncryptionKeySize = 32,
        EncryptionBlockSize = 16,
        NonceSize = 32,
        MinAsymmetricKeySize = 1024,
        MaxAsymmetricKeySize = 2048,
    };

    /// <summary>Basic128Rsa15 (deprecated): RSA-PKCS1-v1.5-SHA1 signatures, RSA-PKCS1-v1.5 encryption, AES-128-CBC, HMAC-SHA1.</summary>
    public static SecurityPolicy Basic128Rsa15 { get; } = new()
    {
        Uri = Prefix + "Basic128Rsa15",
        Name = "Basic128Rsa15",
        IsDeprecated = true,
        Strength = 10,
        AsymmetricSignatureHash = HashAlgorithmName.SHA1,
        AsymmetricSignaturePadding = RSASignaturePadding.Pkcs1,
        AsymmetricSignatureAlgorithmUri = RsaSha1,
        AsymmetricEncryptionPadding = RSAEncryptionPadding.Pkcs1,
        AsymmetricEncryptionAlgorithmUri = "http://www.w3.org/2001/04/xmlenc#rsa-1_5",
        KeyDerivationHash = HashAlgorithmName.SHA1,
        SymmetricSignatureHash = HashAlgorithmName.SHA1,
        SymmetricSignatureSize = 20,
        SigningKeySize = 16,
        EncryptionKeySize = 16,
        EncryptionBlockSize = 16,
        NonceSize = 16,
        MinAsymmetricKeySize = 1024,
        MaxAsymmetricKeySize = 2048,
    };

    /// <summary>Every known policy, strongest first.</summary>
    public static IReadOnlyList<SecurityPolicy> All { get; } =
        [Aes256Sha256RsaPss, Basic256Sha256, Aes128Sha256RsaOaep, Basic256, Basic128Rsa15, None];

    /// <summary>Finds a policy by URI or by its short name (case-insensitive); null when unknown.</summary>
    public static SecurityPolicy? Find(string? uriOrName)
    {
        if (string.IsNullOrEmpty(uriOrName))
        {
            return null;
        }

        foreach (var policy in All)
        {
            if (string.Equals(policy.Uri, uriOrName, StringComparison.Ordinal) ||
                string.Equals(policy.Name, uriOrName, StringComparison.OrdinalIgnoreCase))
            {
                return policy;
            }
        }

        return null;
    }
}
