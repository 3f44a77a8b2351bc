using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;
using DataBridge.Testing.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DataBridge.Connectors.OpcUa.Tests.Transport;

/// <summary>Token renewal and request timeouts driven by a fake clock: exact, fast, no sleeps.</summary>
public sealed class ChannelTimingTests
{
    private static readonly SecureChannelOptions Options = new() { RequestTimeout = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Token_is_renewed_at_75_percent_of_its_lifetime_and_the_new_token_is_used_afterwards()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        OpenSecureChannelRequest? renewRequest = null;
        string? firstAfterHandshake = null;
        uint tokenOfNextMessage = 0;
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await s.HandshakeAsync(stream, ct, lifetimeMs: 600_000);
            var (probe, _, _) = await ScriptedServer.ReadAsync(stream, ct);
            Volatile.Write(ref firstAfterHandshake, probe);
            var (type, _, renew) = await ScriptedServer.ReadAsync(stream, ct);
            Assert.Equal("OPN", type);
            renewRequest = DecodeOpenRequest(renew);
            await s.WriteAsync(stream, s.OpenResponse(ScriptedServer.RequestIdOf(renew, asymmetric: true), 600_000, tokenId: 2), ct);
            var (_, _, next) = await ScriptedServer.ReadAsync(stream, ct);
            tokenOfNextMessage = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(next.AsSpan(12));
            await ScriptedServer.DrainAsync(stream, ct);
        });
        await using var channel = await SecureChannel.OpenAsync(OpcUaEndpointAddress.Parse(server.Url), Options, time, NullLogger.Instance, CancellationToken.None);
        Assert.Equal(1u, channel.Token.TokenId);

        // Advance runs every due timer callback before it returns, and a renewal takes the send lock before its first
        // await; so had the renewal started by 449 s, its OPN would reach the server before this probe (never answered).
        time.Advance(TimeSpan.FromSeconds(449));
        _ = channel.CallAsync(new ReadRequest(), TimeSpan.FromSeconds(5), CancellationToken.None);
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref firstAfterHandshake) is not null, TimeSpan.FromSeconds(5), "probe");
        Assert.Equal("MSG", firstAfterHandshake);
        Assert.Equal(0, channel.RenewalCount);

        time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.WaitUntilAsync(() => channel.RenewalCount == 1, TimeSpan.FromSeconds(5), "renewal");
        Assert.Equal(2u, channel.Token.TokenId);
        Assert.Equal(SecurityTokenRequestType.Renew, renewRequest!.RequestType);

        _ = channel.CallAsync(new ReadRequest(), TimeSpan.FromSeconds(5), CancellationToken.None);
        await Eventually.WaitUntilAsync(() => tokenOfNextMessage != 0, TimeSpan.FromSeconds(5), "next message");
        Assert.Equal(2u, tokenOfNextMessage);
    }

    [Fact]
    public async Task Request_times_out_exactly_when_its_timeout_elapses_on_the_clock()
    {
        var time = new TimerCountingTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await s.HandshakeAsync(stream, ct);
            await ScriptedServer.DrainAsync(stream, ct);
        });
        await using var channel = await SecureChannel.OpenAsync(OpcUaEndpointAddress.Parse(server.Url), Options, time, NullLogger.Instance, CancellationToken.None);

        var call = channel.CallAsync(new ReadRequest(), TimeSpan.FromSeconds(5), CancellationToken.None);
        await Eventually.WaitUntilAsync(() => channel.PendingCount == 1, TimeSpan.FromSeconds(5), "request sent");
        // The only timers are the request timeout and the renewal (due at 450 s): none fired at 4.9 s, so the call is still open.
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(0, time.Fired);
        Assert.False(call.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(0.2));
        var ex = await Assert.ThrowsAsync<OpcUaTransportException>(() => call).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(StatusCodes.BadTimeout, ex.StatusCode.Code);
        Assert.Equal(0, channel.PendingCount);
    }

    private static OpenSecureChannelRequest DecodeOpenRequest(byte[] chunk)
    {
        var offset = 12;
        for (var i = 0; i < 3; i++)
        {
            var len = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(chunk.AsSpan(offset));
            offset += 4 + Math.Max(len, 0);
        }

        var reader = new OpcUaBinaryReader(chunk.AsSpan(offset + 8), DecodingLimits.Default, StandardEncodeables.Registry);
        return Assert.IsType<OpenSecureChannelRequest>(reader.ReadMessage());
    }
}
