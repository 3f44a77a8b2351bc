using System.Diagnostics;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Connectors.OpcUa.Tests.Transport;

/// <summary>Each misbehaviour of a server ends in a typed error, quickly, with bounded memory.</summary>
public sealed class HostileServerTests
{
    private static readonly SecureChannelOptions Fast = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        RequestTimeout = TimeSpan.FromSeconds(1),
        Limits = new OpcUaTransportLimits { ReceiveBufferSize = 8192, MaxChunkCount = 8, MaxMessageSize = 64 * 1024 },
    };

    private static Task<SecureChannel> OpenAsync(ScriptedServer server, SecureChannelOptions? options = null) =>
        SecureChannel.OpenAsync(OpcUaEndpointAddress.Parse(server.Url), options ?? Fast, TimeProvider.System, NullLogger.Instance, CancellationToken.None);

    private static async Task<OpcUaTransportException> FailsWithin(Func<Task> action, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<OpcUaTransportException>(action).WaitAsync(limit + TimeSpan.FromSeconds(5));
        Assert.True(watch.Elapsed < limit, $"took {watch.Elapsed}, limit {limit}");
        return ex;
    }

    [Fact]
    public async Task Unknown_message_type_in_answer_to_hello_gives_BadTcpMessageTypeInvalid()
    {
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await ScriptedServer.ReadAsync(stream, ct);
            await s.WriteAsync(stream, ScriptedServer.Error(0, "nonsense", type: "XYZ"), ct);
            await ScriptedServer.DrainAsync(stream, ct);
        });

        var ex = await FailsWithin(() => OpenAsync(server), TimeSpan.FromSeconds(2));
        Assert.Equal(StatusCodes.BadTcpMessageTypeInvalid, ex.StatusCode.Code);
        Assert.Contains("XYZ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_message_in_answer_to_hello_carries_the_servers_code_and_reason()
    {
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await ScriptedServer.ReadAsync(stream, ct);
            await s.WriteAsync(stream, ScriptedServer.Error(StatusCodes.BadTcpEndpointUrlInvalid, "no such path"), ct);
        });

        var ex = await FailsWithin(() => OpenAsync(server), TimeSpan.FromSeconds(2));
        Assert.Equal(StatusCodes.BadTcpEndpointUrlInvalid, ex.StatusCode.Code);
        Assert.Equal("no such path", ex.Reason);
        Assert.Contains("BadTcpEndpointUrlInvalid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledge_raising_the_chunk_size_above_the_offer_does_not_raise_the_limit()
    {
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await ScriptedServer.ReadAsync(stream, ct);
            await s.WriteAsync(stream, ScriptedServer.Acknowledge(send: 1_000_000), ct);
            var (_, _, opn) = await ScriptedServer.ReadAsync(stream, ct);
            var big = s.OpenResponse(ScriptedServer.RequestIdOf(opn, asymmetric: true));
            Array.Resize(ref big, 20_000);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(big.AsSpan(4), big.Length);
            await s.WriteAsync(stream, big, ct);
            await ScriptedServer.DrainAsync(stream, ct);
        });

        var ex = await FailsWithin(() => OpenAsync(server), TimeSpan.FromSeconds(2));
        Assert.Equal(StatusCodes.BadTcpMessageTooLarge, ex.StatusCode.Code);
        Assert.Contains("8192", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunk_length_past_the_negotiated_limit_is_refused_before_its_body_is_read()
    {
        var before = GC.GetTotalAllocatedBytes(precise: false);
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await ScriptedServer.ReadAsync(stream, ct);
            await s.WriteAsync(stream, ScriptedServer.Acknowledge(), ct);
            await ScriptedServer.ReadAsync(stream, ct);
            var header = ScriptedServer.Error(0, string.Empty, type: "OPN");
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 500_000_000);
            await s.WriteAsync(stream, header, ct);
            await ScriptedServer.DrainAsync(stream, ct);
        });

        var ex = await FailsWithin(() => OpenAsync(server), TimeSpan.FromSeconds(2));
        Assert.Equal(StatusCodes.BadTcpMessageTooLarge, ex.StatusCode.Code);
        Assert.Contains("500000000", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetTotalAllocatedBytes(precise: false) - before < 50_000_000, "the client must not allocate for the claimed length");
    }

    [Fact]
    public async Task Truncated_chunk_followed_by_close_gives_BadConnectionClosed()
    {
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await ScriptedServer.ReadAsync(stream, ct);
            await s.WriteAsync(stream, ScriptedServer.Acknowledge(), ct);
            var (_, _, opn) = await ScriptedServer.ReadAsync(stream, ct);
            var full = s.OpenResponse(ScriptedServer.RequestIdOf(opn, asymmetric: true));
            await s.WriteAsync(stream, full.AsMemory(0, full.Length / 2), ct);
            stream.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Both);
        });

        var ex = await FailsWithin(() => OpenAsync(server), TimeSpan.FromSeconds(2));
        Assert.Equal(StatusCodes.BadConnectionClosed, ex.StatusCode.Code);
    }

    [Fact]
    public async Task Server_that_never_answers_open_secure_channel_times_out()
    {
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await ScriptedServer.ReadAsync(stream, ct);
            await s.WriteAsync(stream, ScriptedServer.Acknowledge(), ct);
            await ScriptedServer.DrainAsync(stream, ct);
        });

        var ex = await FailsWithin(() => OpenAsync(server), TimeSpan.FromSeconds(4));
        Assert.Equal(StatusCodes.BadTimeout, ex.StatusCode.Code);
    }

    [Fact]
    public async Task Server_that_stops_answering_requests_times_them_out_and_frees_them()
    {
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await s.HandshakeAsync(stream, ct);
            await ScriptedServer.DrainAsync(stream, ct);
        });
        await using var channel = await OpenAsync(server);

        var calls = Enumerable.Range(0, 20).Select(_ => channel.CallAsync(new ReadRequest(), TimeSpan.FromMilliseconds(500), CancellationToken.None)).ToArray();
        foreach (var call in calls)
        {
            var ex = await FailsWithin(() => call, TimeSpan.FromSeconds(3));
            Assert.Equal(StatusCodes.BadTimeout, ex.StatusCode.Code);
            Assert.False(ex.IsChannelFatal);
        }

        Assert.Equal(0, channel.PendingCount);
        Assert.Null(channel.Fault);
    }

    [Fact]
    public async Task Cancelled_request_ends_promptly_with_OperationCanceledException()
    {
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await s.HandshakeAsync(stream, ct);
            await ScriptedServer.DrainAsync(stream, ct);
        });
        await using var channel = await OpenAsync(server);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.CallAsync(new ReadRequest(), TimeSpan.FromSeconds(30), cts.Token)).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, channel.PendingCount);
    }

    [Fact]
    public async Task Response_with_more_chunks_than_the_limit_fails_that_request_only()
    {
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await s.HandshakeAsync(stream, ct);
            var (_, _, first) = await ScriptedServer.ReadAsync(stream, ct);
            var id = ScriptedServer.RequestIdOf(first, asymmetric: false);
            var filler = new byte[4000];
            for (var i = 0; i < 50; i++)
            {
                await s.WriteAsync(stream, s.MessageChunk(id, filler, 'C'), ct);
            }

            await s.WriteAsync(stream, s.MessageChunk(id, filler, 'F'), ct);

            // The channel lives on: the next request gets a real answer.
            var (_, _, second) = await ScriptedServer.ReadAsync(stream, ct);
            var reply = ScriptedServer.EncodeMessage(new ReadResponse { ResponseHeader = new ResponseHeader(), Results = [] });
            await s.WriteAsync(stream, s.MessageChunk(ScriptedServer.RequestIdOf(second, asymmetric: false), reply), ct);
            await ScriptedServer.DrainAsync(stream, ct);
        });
        await using var channel = await OpenAsync(server);

        var ex = await FailsWithin(() => channel.CallAsync(new ReadRequest(), TimeSpan.FromSeconds(2), CancellationToken.None), TimeSpan.FromSeconds(2));
        Assert.Equal(StatusCodes.BadResponseTooLarge, ex.StatusCode.Code);
        Assert.False(ex.IsChannelFatal);

        var ok = await channel.CallAsync(new ReadRequest(), TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.IsType<ReadResponse>(ok);
    }

    [Fact]
    public async Task Abort_chunk_fails_the_request_with_the_servers_code_and_keeps_the_channel()
    {
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await s.HandshakeAsync(stream, ct);
            var (_, _, first) = await ScriptedServer.ReadAsync(stream, ct);
            var id = ScriptedServer.RequestIdOf(first, asymmetric: false);
            await s.WriteAsync(stream, s.MessageChunk(id, new byte[100], 'C'), ct);
            var abort = ScriptedServer.Error(StatusCodes.BadResponseTooLarge, "too much");
            await s.WriteAsync(stream, s.MessageChunk(id, abort.AsSpan(8), 'A'), ct);
            await ScriptedServer.DrainAsync(stream, ct);
        });
        await using var channel = await OpenAsync(server);

        var ex = await FailsWithin(() => channel.CallAsync(new ReadRequest(), TimeSpan.FromSeconds(2), CancellationToken.None), TimeSpan.FromSeconds(2));
        Assert.Equal(StatusCodes.BadResponseTooLarge, ex.StatusCode.Code);
        Assert.Equal("too much", ex.Reason);
        Assert.Null(channel.Fault);
    }

    [Fact]
    public async Task Sequence_number_gap_closes_the_channel_with_BadSequenceNumberInvalid()
    {
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await s.HandshakeAsync(stream, ct);
            var (_, _, first) = await ScriptedServer.ReadAsync(stream, ct);
            var reply = ScriptedServer.EncodeMessage(new ReadResponse { ResponseHeader = new ResponseHeader() });
            await s.WriteAsync(stream, s.MessageChunk(ScriptedServer.RequestIdOf(first, asymmetric: false), reply, sequence: 5000), ct);
            await ScriptedServer.DrainAsync(stream, ct);
        });
        await using var channel = await OpenAsync(server);

        var ex = await FailsWithin(() => channel.CallAsync(new ReadRequest(), TimeSpan.FromSeconds(2), CancellationToken.None), TimeSpan.FromSeconds(2));
        Assert.Equal(StatusCodes.BadSequenceNumberInvalid, ex.StatusCode.Code);
        Assert.NotNull(channel.Fault);
    }

    [Fact]
    public async Task Error_message_on_an_open_channel_fails_every_pending_request()
    {
        await using var server = new ScriptedServer(async (s, stream, ct) =>
        {
            await s.HandshakeAsync(stream, ct);
            for (var i = 0; i < 3; i++)
            {
                await ScriptedServer.ReadAsync(stream, ct);
            }

            await s.WriteAsync(stream, ScriptedServer.Error(StatusCodes.BadTcpServerTooBusy, "shutting down"), ct);
            await ScriptedServer.DrainAsync(stream, ct);
        });
        await using var channel = await OpenAsync(server);

        var calls = Enumerable.Range(0, 3).Select(_ => channel.CallAsync(new ReadRequest(), TimeSpan.FromSeconds(5), CancellationToken.None)).ToArray();
        foreach (var call in calls)
        {
            var ex = await FailsWithin(() => call, TimeSpan.FromSeconds(3));
            Assert.Equal(StatusCodes.BadTcpServerTooBusy, ex.StatusCode.Code);
            Assert.Equal("shutting down", ex.Reason);
        }
    }
}
