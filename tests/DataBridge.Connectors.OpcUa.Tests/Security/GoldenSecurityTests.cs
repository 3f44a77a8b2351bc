using System.Text.Json;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.OpcUa.Tests.Security;

/// <summary>
/// Key derivation and symmetric chunks compared byte for byte with node-opcua's crypto, recorded by
/// tests/peers/opcua/record-security-golden.mjs into security-golden.json (so this runs without node).
/// </summary>
public sealed class GoldenSecurityTests
{
    private const int HeaderSize = 16;
    private static readonly Lazy<JsonElement> Recording = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("tests", "DataBridge.Connectors.OpcUa.Tests", "Security", "security-golden.json"))).RootElement);

    public static TheoryData<string> PolicyNames => ["Basic128Rsa15", "Basic256", "Basic256Sha256", "Aes128_Sha256_RsaOaep", "Aes256_Sha256_RsaPss"];

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void P_hash_and_derived_keys_match_node_opcua(string name)
    {
        var (policy, golden) = Load(name);
        var clientNonce = Hex(golden, "clientNonce");
        var serverNonce = Hex(golden, "serverNonce");
        Assert.Equal(policy.NonceSize, clientNonce.Length);

        var pHash = new byte[100];
        KeyDerivation.PHash(policy.KeyDerivationHash, serverNonce, clientNonce, pHash);
        Assert.Equal(Hex(golden, "pHash100"), pHash);

        var client = KeyDerivation.Derive(policy, serverNonce, clientNonce);
        Assert.Equal(Hex(golden, "clientSigningKey"), client.SigningKey);
        Assert.Equal(Hex(golden, "clientEncryptingKey"), client.EncryptingKey);
        Assert.Equal(Hex(golden, "clientIv"), client.InitializationVector);
        var server = KeyDerivation.Derive(policy, clientNonce, serverNonce);
        Assert.Equal(Hex(golden, "serverSigningKey"), server.SigningKey);
        Assert.Equal(Hex(golden, "serverEncryptingKey"), server.EncryptingKey);
        Assert.Equal(Hex(golden, "serverIv"), server.InitializationVector);
    }

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void Signed_chunk_matches_node_opcua_both_ways(string name) =>
        ChunkMatches(name, MessageSecurityMode.Sign, "clientSigned", "serverSigned");

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void Encrypted_chunk_matches_node_opcua_both_ways(string name) =>
        ChunkMatches(name, MessageSecurityMode.SignAndEncrypt, "clientEncrypted", "serverEncrypted");

    [Theory]
    [InlineData(MessageSecurityMode.Sign, "serverSigned")]
    [InlineData(MessageSecurityMode.SignAndEncrypt, "serverEncrypted")]
    public void Every_flipped_bit_of_a_server_chunk_fails_the_security_checks(MessageSecurityMode mode, string chunkName)
    {
        var (policy, golden) = Load("Aes256_Sha256_RsaPss");
        var wire = Hex(golden.GetProperty(chunkName), "wire");
        for (var i = HeaderSize; i < wire.Length; i++)
        {
            using var security = Create(policy, mode, golden);
            var corrupted = (byte[])wire.Clone();
            corrupted[i] ^= 0x01;
            var error = Assert.Throws<OpcUaTransportException>(() => security.Unsecure(corrupted, HeaderSize, asymmetric: false));
            Assert.Equal(StatusCodes.BadSecurityChecksFailed, error.StatusCode.Code);
        }
    }

    [Fact]
    public void A_truncated_encrypted_chunk_fails_with_a_message_that_says_so()
    {
        var (policy, golden) = Load("Basic256Sha256");
        var wire = Hex(golden.GetProperty("serverEncrypted"), "wire");
        using var security = Create(policy, MessageSecurityMode.SignAndEncrypt, golden);

        var error = Assert.Throws<OpcUaTransportException>(() => security.Unsecure(wire.AsSpan(0, wire.Length - 5), HeaderSize, asymmetric: false));

        Assert.Equal(StatusCodes.BadSecurityChecksFailed, error.StatusCode.Code);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-3, 9, "do not all hold the padding size")]
    [InlineData(-1, 200, "the padding claims 200 bytes")]
    public void A_correctly_signed_chunk_with_bad_padding_fails_the_security_checks(int fromEnd, byte value, string expected)
    {
        // Only someone with the server's keys can sign a chunk, so a bad padding is made here with the recorded keys:
        // node-opcua's plain text with one padding byte changed, signed and encrypted again.
        var (policy, golden) = Load("Aes256_Sha256_RsaPss");
        var plain = Hex(golden.GetProperty("serverEncrypted"), "plain");
        plain[^(-fromEnd)] = value;
        var signature = System.Security.Cryptography.HMACSHA256.HashData(Hex(golden, "serverSigningKey"), plain);
        var chunk = plain.Concat(signature).ToArray();
        using (var aes = System.Security.Cryptography.Aes.Create())
        {
            aes.Key = Hex(golden, "serverEncryptingKey");
            aes.EncryptCbc(chunk.AsSpan(HeaderSize), Hex(golden, "serverIv"), chunk.AsSpan(HeaderSize), System.Security.Cryptography.PaddingMode.None);
        }

        using var security = Create(policy, MessageSecurityMode.SignAndEncrypt, golden);
        var error = Assert.Throws<OpcUaTransportException>(() => security.Unsecure(chunk, HeaderSize, asymmetric: false));

        Assert.Equal(StatusCodes.BadSecurityChecksFailed, error.StatusCode.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MessageSecurityMode.Sign)]
    [InlineData(MessageSecurityMode.SignAndEncrypt)]
    public void Securing_and_checking_a_symmetric_chunk_allocates_nothing(MessageSecurityMode mode)
    {
        var (policy, golden) = Load("Aes256_Sha256_RsaPss");
        using var security = Create(policy, mode, golden);
        var plain = Hex(golden.GetProperty("clientEncrypted"), "plain");
        var payload = 8 + Hex(golden, "body").Length;
        var chunk = new byte[security.GetChunkSize(HeaderSize, payload, asymmetric: false)];
        var received = Hex(golden.GetProperty(mode == MessageSecurityMode.Sign ? "serverSigned" : "serverEncrypted"), "wire");
        var copy = new byte[received.Length];
        for (var i = 0; i < 100; i++)
        {
            Round();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Round();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1000, $"{allocated} bytes allocated for 1,000 chunks sent and received");

        void Round()
        {
            plain.AsSpan(0, HeaderSize + payload).CopyTo(chunk);
            security.Secure(chunk, HeaderSize, payload, asymmetric: false);
            received.CopyTo(copy, 0);
            security.Unsecure(copy, HeaderSize, asymmetric: false);
        }
    }

    private static void ChunkMatches(string name, MessageSecurityMode mode, string sent, string received)
    {
        var (policy, golden) = Load(name);
        var body = Hex(golden, "body");
        using var security = Create(policy, mode, golden);

        // Client → server: our padding, signature and encryption give node-opcua's bytes.
        var expected = Hex(golden.GetProperty(sent), "wire");
        var plain = Hex(golden.GetProperty(sent), "plain");
        var payload = 8 + body.Length; // sequence header + body; the recorded plain text also holds node-opcua's padding
        var size = security.GetChunkSize(HeaderSize, payload, asymmetric: false);
        Assert.Equal(expected.Length, size);
        var chunk = new byte[size];

        // Each chunk starts CBC at the token's IV again: the same plain text twice gives the same bytes twice.
        for (var round = 0; round < 2; round++)
        {
            Array.Clear(chunk);
            plain.AsSpan(0, HeaderSize + payload).CopyTo(chunk);
            security.Secure(chunk, HeaderSize, payload, asymmetric: false);
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(chunk));
        }

        // Server → client: node-opcua's chunk verifies and yields the body, also the second time.
        for (var round = 0; round < 2; round++)
        {
            var wire = Hex(golden.GetProperty(received), "wire");
            var length = security.Unsecure(wire, HeaderSize, asymmetric: false);
            Assert.Equal(8 + body.Length, length);
            Assert.Equal(body, wire.AsSpan(HeaderSize + 8, body.Length).ToArray());
        }
    }

    private static ChannelSecurity Create(SecurityPolicy policy, MessageSecurityMode mode, JsonElement golden)
    {
        var security = new ChannelSecurity(policy, mode, TestCertificates.Client, TestCertificates.Client);
        security.OnTokenIssued(Recording.Value.GetProperty("tokenId").GetUInt32(), Hex(golden, "clientNonce"), Hex(golden, "serverNonce"));
        return security;
    }

    private static (SecurityPolicy Policy, JsonElement Golden) Load(string name)
    {
        foreach (var entry in Recording.Value.GetProperty("policies").EnumerateArray())
        {
            if (entry.GetProperty("name").GetString() == name)
            {
                return (SecurityPolicies.Find(name)!, entry);
            }
        }

        throw new InvalidOperationException($"security-golden.json has no entry for {name}; run record-security-golden.mjs.");
    }

    private static byte[] Hex(JsonElement element, string property) => Convert.FromHexString(element.GetProperty(property).GetString()!);
}
