using System.Buffers.Binary;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;
using DataBridge.Testing.OpcUa;

namespace DataBridge.Connectors.OpcUa.Tests.Security;

/// <summary>
/// A proxy between the client and node-opcua corrupts one secured server chunk; the client must close the channel with
/// a typed error that names what failed, and nothing else happens (no crash, no hang, no unbounded buffering).
/// </summary>
public sealed class HostileSecureServerTests(SecurePeerFixture fixture) : IClassFixture<SecurePeerFixture>
{
    [Fact]
    public async Task A_flipped_byte_in_a_signed_chunk_closes_the_channel_with_BadSecurityChecksFailed()
    {
        var error = await TamperNextResponseAsync(MessageSecurityMode.Sign, chunk =>
        {
            chunk[chunk.Length - 40] ^= 0x20; // inside the body, before the 32-byte HMAC
            return [chunk];
        });

        Assert.Equal(StatusCodes.BadSecurityChecksFailed, error.StatusCode.Code);
        Assert.Contains("HMAC signature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flipped_byte_in_an_encrypted_chunk_closes_the_channel_with_BadSecurityChecksFailed()
    {
        var error = await TamperNextResponseAsync(MessageSecurityMode.SignAndEncrypt, chunk =>
        {
            chunk[30] ^= 0x01; // first encrypted block: the sequence header
            return [chunk];
        });

        Assert.Equal(StatusCodes.BadSecurityChecksFailed, error.StatusCode.Code);
    }

    [Fact]
    public async Task A_replayed_encrypted_chunk_closes_the_channel_with_BadSequenceNumberInvalid()
    {
        var error = await TamperNextResponseAsync(MessageSecurityMode.SignAndEncrypt, chunk => [chunk, (byte[])chunk.Clone()], expectReadToFail: false);

        Assert.Equal(StatusCodes.BadSequenceNumberInvalid, error.StatusCode.Code);
        Assert.Contains("replayed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_encrypted_chunk_closes_the_channel_and_the_error_says_truncated()
    {
        var error = await TamperNextResponseAsync(MessageSecurityMode.SignAndEncrypt, chunk =>
        {
            var shorter = chunk.AsSpan(0, chunk.Length - 5).ToArray();
            BinaryPrimitives.WriteUInt32LittleEndian(shorter.AsSpan(4), (uint)shorter.Length);
            return [shorter];
        });

        Assert.Equal(StatusCodes.BadSecurityChecksFailed, error.StatusCode.Code);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Connects through a proxy with Aes256_Sha256_RsaPss in <paramref name="mode"/>, arms the proxy to pass the
    /// next server MSG chunk through <paramref name="tamper"/>, reads, and returns the channel's fault.
    /// </summary>
    private async Task<OpcUaTransportException> TamperNextResponseAsync(MessageSecurityMode mode, Func<byte[], IReadOnlyList<byte[]>> tamper, bool expectReadToFail = true)
    {
        await using var proxy = UaTcpProxy.Start(fixture.Peer.Port);
        var options = SecureConnectTests.Options(new OpcUaSecurityOptions { Policy = SecurityPolicies.Aes256Sha256RsaPss, Mode = mode, ClientCertificate = TestCertificates.Client });
        await using var client = await OpcUaClient.ConnectAsync(proxy.EndpointUrlFor(fixture.Peer.EndpointUrl), options);
        var node = client.ResolveNodeId($"nsu={OpcUaPeerDefinitions.OtherNamespace};i=1001");
        Assert.True((await client.ReadValueAsync(node)).Status.IsGood);

        var armed = 1;
        proxy.TamperServerChunk = chunk =>
            UaTcpProxyChunks.MessageType(chunk) == "MSG" && Interlocked.Exchange(ref armed, 0) == 1 ? tamper(chunk) : [chunk];

        if (expectReadToFail)
        {
            var readError = await Assert.ThrowsAsync<OpcUaTransportException>(() => client.ReadValueAsync(node));
            Assert.True(readError.IsChannelFatal);
        }
        else
        {
            // The first copy answers the read; the replay arrives after it.
            await client.ReadValueAsync(node);
        }

        await WaitForFaultAsync(client).WaitAsync(TimeSpan.FromSeconds(10));
        return Assert.IsType<OpcUaTransportException>(client.ConnectionError);
    }

    private static async Task WaitForFaultAsync(OpcUaClient client)
    {
        while (client.IsConnected)
        {
            await Task.Delay(10);
        }
    }
}
