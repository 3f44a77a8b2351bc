using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Security.Identity;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Tests.Security.Identity;

public sealed class UserIdentityTokensTests : IDisposable
{
    private const string Password = "Sup3r-Secret!";
    private readonly string _variable = "DATABRIDGE_TEST_PW_" + Guid.NewGuid().ToString("N");

    public UserIdentityTokensTests() => Environment.SetEnvironmentVariable(_variable, Password);

    public void Dispose() => Environment.SetEnvironmentVariable(_variable, null);

    private static EndpointDescription Endpoint(string endpointPolicy, MessageSecurityMode mode, params UserTokenPolicy[] tokens) => new()
    {
        EndpointUrl = TestCertificates.EndpointUrl,
        SecurityPolicyUri = endpointPolicy,
        SecurityMode = mode,
        UserIdentityTokens = tokens,
    };

    public static TheoryData<string> Policies => new() { "Basic256Sha256", "Aes128_Sha256_RsaOaep", "Aes256_Sha256_RsaPss", "Basic128Rsa15" };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Password_is_encrypted_for_the_token_policy_in_the_legacy_format(string policyName)
    {
        var policy = SecurityPolicies.Find(policyName)!;
        using var server = TestCertificates.SelfSignedServer();
        var nonce = RandomNumberGenerator.GetBytes(32);
        var endpoint = Endpoint(SecurityPolicies.None.Uri, MessageSecurityMode.None,
            new UserTokenPolicy { PolicyId = "anon", TokenType = UserTokenType.Anonymous },
            new UserTokenPolicy { PolicyId = "user-" + policyName, TokenType = UserTokenType.UserName, SecurityPolicyUri = policy.Uri });

        var (token, signature) = UserIdentityTokens.Create(UserIdentity.UserName("operator", SecretReference.Parse("${" + _variable + "}")), endpoint, server.RawData, nonce, channelEncrypted: false);

        var userToken = Assert.IsType<UserNameIdentityToken>(token.Decoded);
        Assert.Equal("user-" + policyName, userToken.PolicyId);
        Assert.Equal("operator", userToken.UserName);
        Assert.Equal(policy.AsymmetricEncryptionAlgorithmUri, userToken.EncryptionAlgorithm);
        Assert.Null(signature.Signature);
        Assert.Equal(0, userToken.Password!.Length % 256);

        using var key = server.GetRSAPrivateKey()!;
        var plain = new List<byte>();
        for (var i = 0; i < userToken.Password.Length; i += 256)
        {
            plain.AddRange(key.Decrypt(userToken.Password.AsSpan(i, 256).ToArray(), policy.AsymmetricEncryptionPadding!));
        }

        var bytes = plain.ToArray();
        var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        Assert.Equal((uint)(System.Text.Encoding.UTF8.GetByteCount(Password) + 32), length);
        Assert.Equal(Password, System.Text.Encoding.UTF8.GetString(bytes, 4, (int)length - 32));
        Assert.Equal(nonce, bytes[(4 + (int)length - 32)..]);
    }

    [Fact]
    public void A_long_password_spans_several_rsa_blocks()
    {
        var longPassword = new string('x', 400);
        using var server = TestCertificates.SelfSignedServer();
        var nonce = RandomNumberGenerator.GetBytes(32);

        var cipher = UserIdentityTokens.EncryptSecret(System.Text.Encoding.UTF8.GetBytes(longPassword), nonce, server, SecurityPolicies.Basic256Sha256);

        // 4 + 400 + 32 = 436 plain bytes; OAEP-SHA1 with a 2048-bit key takes 256 - 42 = 214 per block: 3 blocks.
        Assert.Equal(3 * 256, cipher.Length);
        using var key = server.GetRSAPrivateKey()!;
        var last = key.Decrypt(cipher[512..], System.Security.Cryptography.RSAEncryptionPadding.OaepSHA1);
        Assert.Equal(436 - 428, last.Length);
        Assert.Equal(nonce[^8..], last);
    }

    [Fact]
    public void A_plain_password_is_refused_unless_the_channel_is_encrypted()
    {
        using var server = TestCertificates.SelfSignedServer();
        var endpoint = Endpoint(SecurityPolicies.None.Uri, MessageSecurityMode.None,
            new UserTokenPolicy { PolicyId = "plain", TokenType = UserTokenType.UserName, SecurityPolicyUri = SecurityPolicies.None.Uri });
        var identity = UserIdentity.UserName("operator", SecretReference.Parse("${" + _variable + "}"));

        var error = Assert.Throws<UserIdentityException>(() => UserIdentityTokens.Create(identity, endpoint, server.RawData, new byte[32], channelEncrypted: false));

        Assert.Equal(StatusCodes.BadSecurityModeInsufficient, error.StatusCode.Code);
        Assert.Contains("unencrypted", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);

        var (token, _) = UserIdentityTokens.Create(identity, endpoint, server.RawData, new byte[32], channelEncrypted: true);
        Assert.Null(Assert.IsType<UserNameIdentityToken>(token.Decoded).EncryptionAlgorithm);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void X509_user_signature_over_server_certificate_and_nonce_verifies_with_the_user_certificate(string policyName)
    {
        var policy = SecurityPolicies.Find(policyName)!;
        using var server = TestCertificates.SelfSignedServer();
        using var user = TestCertificates.SelfSignedServer(new() { ApplicationUri = "urn:user:operator", ApplicationName = "operator", HostNames = ["edge7"] });
        var nonce = RandomNumberGenerator.GetBytes(32);
        var endpoint = Endpoint(policy.Uri, MessageSecurityMode.SignAndEncrypt,
            new UserTokenPolicy { PolicyId = "cert", TokenType = UserTokenType.Certificate });

        var (token, signature) = UserIdentityTokens.Create(UserIdentity.Certificate(user), endpoint, server.RawData, nonce, channelEncrypted: true);

        var x509 = Assert.IsType<X509IdentityToken>(token.Decoded);
        Assert.Equal("cert", x509.PolicyId);
        Assert.Equal(user.RawData, x509.CertificateData);
        Assert.Equal(policy.AsymmetricSignatureAlgorithmUri, signature.Algorithm);
        using var publicKey = user.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData((byte[])[.. server.RawData, .. nonce], signature.Signature!, policy.AsymmetricSignatureHash, policy.AsymmetricSignaturePadding!));
        Assert.False(publicKey.VerifyData((byte[])[.. server.RawData, .. RandomNumberGenerator.GetBytes(32)], signature.Signature!, policy.AsymmetricSignatureHash, policy.AsymmetricSignaturePadding!));
    }

    [Fact]
    public void A_token_type_the_endpoint_does_not_offer_is_named_with_what_it_offers()
    {
        var endpoint = Endpoint(SecurityPolicies.None.Uri, MessageSecurityMode.None, new UserTokenPolicy { PolicyId = "anon", TokenType = UserTokenType.Anonymous });
        using var user = TestCertificates.SelfSignedServer();

        var error = Assert.Throws<UserIdentityException>(() => UserIdentityTokens.Create(UserIdentity.Certificate(user), endpoint, [], new byte[32], false));

        Assert.Contains("offers no Certificate user token; it offers: Anonymous", error.Message, StringComparison.Ordinal);
    }
}
