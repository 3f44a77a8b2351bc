using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Security.Identity;

/// <summary>
/// Builds the UserIdentityToken and userTokenSignature of ActivateSession (Part 4 §5.6.3, §7.41): picks the token
/// policy from the endpoint's UserIdentityTokens, encrypts a password with the server certificate in the legacy
/// format of §7.41.2.2 (length, password, server nonce; RSA in blocks with the policy's padding), and signs server
/// certificate + server nonce with a user certificate's key.
/// </summary>
public static class UserIdentityTokens
{
    /// <summary>The chosen token policy and the security policy it encrypts or signs with.</summary>
    /// <param name="Token">The endpoint's user token policy (its PolicyId goes into the token).</param>
    /// <param name="Policy">Its SecurityPolicyUri, or the endpoint's when it names none (§7.42).</param>
    public sealed record Selection(UserTokenPolicy Token, SecurityPolicy Policy);

    /// <summary>The first token policy of <paramref name="type"/> on <paramref name="endpoint"/>; throws <see cref="UserIdentityException"/> listing what it offers otherwise.</summary>
    public static Selection Select(EndpointDescription endpoint, UserTokenType type)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var tokens = endpoint.UserIdentityTokens ?? [];
        foreach (var token in tokens)
        {
            if (token.TokenType != type)
            {
                continue;
            }

            var uri = string.IsNullOrEmpty(token.SecurityPolicyUri) ? endpoint.SecurityPolicyUri : token.SecurityPolicyUri;
            var policy = SecurityPolicies.Find(uri)
                ?? throw new UserIdentityException(StatusCodes.BadSecurityPolicyRejected, $"the server's {type} token policy '{token.PolicyId}' uses the security policy '{uri}', which this client does not know");
            return new Selection(token, policy);
        }

        var offered = string.Join(", ", tokens.Select(t => t.TokenType.ToString()).Distinct().DefaultIfEmpty("none"));
        throw new UserIdentityException(StatusCodes.BadIdentityTokenInvalid, $"the endpoint {endpoint.EndpointUrl} ({endpoint.SecurityMode}, {endpoint.SecurityPolicyUri}) offers no {type} user token; it offers: {offered}");
    }

    /// <summary>
    /// The identity token and its signature for ActivateSession.
    /// </summary>
    /// <param name="identity">Who the session acts as.</param>
    /// <param name="endpoint">The endpoint in use (its UserIdentityTokens and SecurityPolicyUri).</param>
    /// <param name="serverCertificate">The server certificate from CreateSession (DER, possibly followed by its chain).</param>
    /// <param name="serverNonce">The last server nonce (CreateSession or the previous ActivateSession).</param>
    /// <param name="channelEncrypted">True when the secure channel is SignAndEncrypt.</param>
    public static (ExtensionObject Token, SignatureData Signature) Create(UserIdentity identity, EndpointDescription endpoint, ReadOnlySpan<byte> serverCertificate, ReadOnlySpan<byte> serverNonce, bool channelEncrypted)
    {
        ArgumentNullException.ThrowIfNull(identity);
        switch (identity)
        {
            case UserNameIdentity user:
            {
                var selection = Select(endpoint, UserTokenType.UserName);
                var token = new UserNameIdentityToken { PolicyId = selection.Token.PolicyId, UserName = user.Name };
                var password = System.Text.Encoding.UTF8.GetBytes(user.Password.Resolve());
                try
                {
                    if (selection.Policy.IsNone)
                    {
                        if (!channelEncrypted)
                        {
                            throw new UserIdentityException(StatusCodes.BadSecurityModeInsufficient, $"the server's user name token policy '{selection.Token.PolicyId}' would send the password of '{user.Name}' unencrypted over a channel that is not encrypted; refused. Use a SignAndEncrypt endpoint or ask the server administrator for an encrypted user token policy");
                        }

                        token.Password = password.ToArray();
                    }
                    else
                    {
                        using var certificate = LoadLeaf(serverCertificate);
                        token.Password = EncryptSecret(password, serverNonce, certificate, selection.Policy);
                        token.EncryptionAlgorithm = selection.Policy.AsymmetricEncryptionAlgorithmUri;
                    }
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(password);
                }

                return (new ExtensionObject(token), new SignatureData());
            }

            case CertificateIdentity user:
            {
                var selection = Select(endpoint, UserTokenType.Certificate);
                if (selection.Policy.IsNone)
                {
                    throw new UserIdentityException(StatusCodes.BadSecurityPolicyRejected, $"the server's certificate token policy '{selection.Token.PolicyId}' names security policy None, so there is no algorithm to sign with; use an endpoint with a security policy");
                }

                var token = new X509IdentityToken { PolicyId = selection.Token.PolicyId, CertificateData = user.UserCertificate.RawData };
                return (new ExtensionObject(token), Sign(user.UserCertificate, serverCertificate, serverNonce, selection.Policy));
            }

            default:
            {
                var selection = Select(endpoint, UserTokenType.Anonymous);
                return (new ExtensionObject(new AnonymousIdentityToken { PolicyId = selection.Token.PolicyId }), new SignatureData());
            }
        }
    }

    /// <summary>
    /// Part 4 §7.41.2.2 legacy encrypted secret: UInt32 length of (secret + nonce), the secret, the server nonce,
    /// RSA-encrypted with the server's public key in blocks of (key bytes − padding overhead).
    /// </summary>
    public static byte[] EncryptSecret(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> serverNonce, X509Certificate2 serverCertificate, SecurityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(serverCertificate);
        ArgumentNullException.ThrowIfNull(policy);
        if (serverNonce.Length < 32)
        {
            throw new UserIdentityException(StatusCodes.BadNonceInvalid, $"the server sent a nonce of {serverNonce.Length} bytes; at least 32 are needed to encrypt a password (Part 4 §5.6.2)");
        }

        using var rsa = serverCertificate.GetRSAPublicKey()
            ?? throw new UserIdentityException(StatusCodes.BadCertificateInvalid, $"the server certificate '{serverCertificate.Subject}' has no RSA key to encrypt the password with");
        var plain = new byte[4 + secret.Length + serverNonce.Length];
        try
        {
            BinaryPrimitives.WriteUInt32LittleEndian(plain, (uint)(secret.Length + serverNonce.Length));
            secret.CopyTo(plain.AsSpan(4));
            serverNonce.CopyTo(plain.AsSpan(4 + secret.Length));
            var keyBytes = rsa.KeySize / 8;
            var blockSize = keyBytes - policy.AsymmetricEncryptionOverhead;
            var blocks = (plain.Length + blockSize - 1) / blockSize;
            var cipher = new byte[blocks * keyBytes];
            for (var i = 0; i < blocks; i++)
            {
                var block = plain.AsSpan(i * blockSize, Math.Min(blockSize, plain.Length - (i * blockSize)));
                rsa.Encrypt(block, cipher.AsSpan(i * keyBytes, keyBytes), policy.AsymmetricEncryptionPadding!);
            }

            return cipher;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The userTokenSignature: server certificate + server nonce signed with the user's key (Part 4 §5.6.3).</summary>
    public static SignatureData Sign(X509Certificate2 userCertificate, ReadOnlySpan<byte> serverCertificate, ReadOnlySpan<byte> serverNonce, SecurityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(userCertificate);
        ArgumentNullException.ThrowIfNull(policy);
        using var key = userCertificate.GetRSAPrivateKey()
            ?? throw new UserIdentityException(StatusCodes.BadIdentityTokenInvalid, $"the user certificate '{userCertificate.Subject}' ({userCertificate.Thumbprint}) has no RSA private key; load it with its key");
        var data = new byte[serverCertificate.Length + serverNonce.Length];
        serverCertificate.CopyTo(data);
        serverNonce.CopyTo(data.AsSpan(serverCertificate.Length));
        return new SignatureData
        {
            Algorithm = policy.AsymmetricSignatureAlgorithmUri,
            Signature = key.SignData(data, policy.AsymmetricSignatureHash, policy.AsymmetricSignaturePadding!),
        };
    }

    private static X509Certificate2 LoadLeaf(ReadOnlySpan<byte> serverCertificate)
    {
        if (serverCertificate.IsEmpty)
        {
            throw new UserIdentityException(StatusCodes.BadCertificateInvalid, "the server sent no certificate in CreateSession, so the password cannot be encrypted for it");
        }

        var length = serverCertificate.Length;
        if (serverCertificate.Length > 4 && serverCertificate[0] == 0x30 && serverCertificate[1] == 0x82)
        {
            length = Math.Min(length, 4 + ((serverCertificate[2] << 8) | serverCertificate[3]));
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(serverCertificate[..length]);
        }
        catch (CryptographicException ex)
        {
            throw new UserIdentityException(StatusCodes.BadCertificateInvalid, $"the server certificate from CreateSession cannot be read: {ex.Message}");
        }
    }
}

/// <summary>The user identity cannot be sent as the server's token policy asks; the message says why and what to change. Never contains the secret.</summary>
public sealed class UserIdentityException : OpcUaException
{
    /// <summary>Creates the exception.</summary>
    public UserIdentityException(StatusCode statusCode, string message)
        : base($"{statusCode.Name}: {message}") => StatusCode = statusCode;

    /// <summary>Creates the exception.</summary>
    public UserIdentityException()
        : this(StatusCodes.BadIdentityTokenInvalid, "the user identity cannot be used")
    {
    }

    /// <summary>Creates the exception.</summary>
    public UserIdentityException(string message)
        : this(StatusCodes.BadIdentityTokenInvalid, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UserIdentityException(string message, Exception innerException)
        : base(message, innerException) => StatusCode = StatusCodes.BadIdentityTokenInvalid;

    /// <summary>The OPC UA status code that fits the refusal.</summary>
    public override StatusCode StatusCode { get; }

    /// <summary>False: the user, password or certificate must be changed before a retry can succeed.</summary>
    public override bool IsTransient => false;
}
