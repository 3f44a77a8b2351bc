using System.Buffers.Binary;
using System.Security.Cryptography;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Tests.Security;

/// <summary>
/// OpenSecureChannel chunks (Part 6 §6.7.2): what one side secures, the mirrored side (its certificates swapped)
/// decrypts and verifies; padding, ExtraPaddingSize above 2,048 bits, and any flipped byte fails.
/// </summary>
public sealed class AsymmetricChunkTests
{
    private const int HeaderSize = 40; // a stand-in for message header + channel id + asymmetric security header

    private static readonly Lazy<System.Security.Cryptography.X509Certificates.X509Certificate2> Server = new(() => TestCertificates.Create("urn:databridge:test:server", commonName: "test server"));
    private static readonly Lazy<System.Security.Cryptography.X509Certificates.X509Certificate2> Server4096 = new(() => TestCertificates.Create("urn:databridge:test:server4096", 4096, "test server 4096"));

    public static TheoryData<string, int, int> Cases => new()
    {
        { "Basic128Rsa15", 2048, 10 },
        { "Basic256", 2048, 200 },
        { "Basic256Sha256", 2048, 1 },
        { "Basic256Sha256", 4096, 700 },
        { "Aes128_Sha256_RsaOaep", 2048, 333 },
        { "Aes256_Sha256_RsaPss", 2048, 95 },
        { "Aes256_Sha256_RsaPss", 4096, 2000 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_OpenSecureChannel_chunk_round_trips_through_the_mirrored_side(string name, int serverKeyBits, int bodyLength)
    {
        var policy = SecurityPolicies.Find(name)!;
        var server = serverKeyBits == 4096 ? Server4096.Value : Server.Value;
        using var client = new ChannelSecurity(policy, MessageSecurityMode.SignAndEncrypt, TestCertificates.Client, server);
        using var mirrored = new ChannelSecurity(policy, MessageSecurityMode.SignAndEncrypt, server, TestCertificates.Client);
        var body = RandomNumberGenerator.GetBytes(bodyLength);

        var chunk = Secure(client, body);
        Assert.Equal(0, (chunk.Length - HeaderSize) % (serverKeyBits / 8));
        var payload = mirrored.Unsecure(chunk, HeaderSize, asymmetric: true);

        Assert.Equal(8 + body.Length, payload);
        Assert.Equal(body, chunk.AsSpan(HeaderSize + 8, body.Length).ToArray());
        Assert.True(client.GetMaxBodySize(8192, HeaderSize, asymmetric: true) > 0);
    }

    [Fact]
    public void A_flipped_byte_in_an_OpenSecureChannel_chunk_fails_the_security_checks()
    {
        var policy = SecurityPolicies.Basic256Sha256;
        using var client = new ChannelSecurity(policy, MessageSecurityMode.Sign, TestCertificates.Client, Server.Value);
        using var mirrored = new ChannelSecurity(policy, MessageSecurityMode.Sign, Server.Value, TestCertificates.Client);
        var chunk = Secure(client, RandomNumberGenerator.GetBytes(100));
        foreach (var index in new[] { 5, HeaderSize - 1, HeaderSize + 10, chunk.Length - 1 })
        {
            var corrupted = (byte[])chunk.Clone();
            corrupted[index] ^= 0x04;
            var error = Assert.Throws<OpcUaTransportException>(() => mirrored.Unsecure(corrupted, HeaderSize, asymmetric: true));
            Assert.Equal(StatusCodes.BadSecurityChecksFailed, error.StatusCode.Code);
        }
    }

    [Fact]
    public void A_response_encrypted_for_another_certificate_or_signed_by_another_server_is_refused()
    {
        using var client = new ChannelSecurity(SecurityPolicies.Basic256Sha256, MessageSecurityMode.SignAndEncrypt, TestCertificates.Client, Server.Value);
        var ours = CertificateThumbprint.Of(TestCertificates.Client.RawData);

        client.CheckAsymmetricHeader(Server.Value.RawData, ours);
        var wrongReceiver = Assert.Throws<OpcUaTransportException>(() => client.CheckAsymmetricHeader(Server.Value.RawData, CertificateThumbprint.Of(Server.Value.RawData)));
        Assert.Contains("not for ours", wrongReceiver.Message, StringComparison.Ordinal);
        var wrongSender = Assert.Throws<OpcUaTransportException>(() => client.CheckAsymmetricHeader(Server4096.Value.RawData, ours));
        Assert.Contains("not with the endpoint's certificate", wrongSender.Message, StringComparison.Ordinal);
    }

    private static byte[] Secure(ChannelSecurity security, byte[] body)
    {
        var payload = 8 + body.Length;
        var size = security.GetChunkSize(HeaderSize, payload, asymmetric: true);
        var chunk = new byte[size];
        "OPNF"u8.CopyTo(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)size);
        RandomNumberGenerator.Fill(chunk.AsSpan(8, HeaderSize - 8));
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(HeaderSize), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(HeaderSize + 4), 1);
        body.CopyTo(chunk, HeaderSize + 8);
        security.Secure(chunk, HeaderSize, payload, asymmetric: true);
        return chunk;
    }
}
