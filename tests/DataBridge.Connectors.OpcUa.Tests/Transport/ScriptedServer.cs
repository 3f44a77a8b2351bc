using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Transport;

namespace DataBridge.Connectors.OpcUa.Tests.Transport;

/// <summary>
/// A tiny hostile OPC UA server for protocol edge cases: it accepts one connection and runs a script that reads the
/// client's messages and writes whatever bytes the test wants (valid, truncated, oversized, unknown).
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private uint _sequence = 100;

    public ScriptedServer(Func<ScriptedServer, NetworkStream, CancellationToken, Task> script)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _run = RunAsync(script);
    }

    public int Port { get; }

    public string Url => $"opc.tcp://127.0.0.1:{Port}/hostile";

    public uint ChannelId { get; } = 7;

    public uint TokenId { get; } = 1;

    /// <summary>Bytes the server sent in total (to show the client stopped reading early).</summary>
    public long BytesSent { get; private set; }

    public Exception? ScriptError { get; private set; }

    private async Task RunAsync(Func<ScriptedServer, NetworkStream, CancellationToken, Task> script)
    {
        try
        {
            using var socket = await _listener.AcceptSocketAsync(_stop.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            await script(this, stream, _stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        catch (Exception ex)
        {
            ScriptError = ex;
        }
    }

    /// <summary>Reads one whole message from the client: (type text, chunk type, whole bytes).</summary>
    public static async Task<(string Type, char Chunk, byte[] Bytes)> ReadAsync(NetworkStream stream, CancellationToken ct)
    {
        var header = new byte[8];
        await stream.ReadExactlyAsync(header, ct);
        var size = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
        var bytes = new byte[size];
        header.CopyTo(bytes, 0);
        await stream.ReadExactlyAsync(bytes.AsMemory(8), ct);
        return (System.Text.Encoding.ASCII.GetString(bytes, 0, 3), (char)bytes[3], bytes);
    }

    /// <summary>The request id of a client MSG/OPN chunk.</summary>
    public static uint RequestIdOf(byte[] chunk, bool asymmetric)
    {
        var offset = 12;
        if (asymmetric)
        {
            for (var i = 0; i < 3; i++)
            {
                var len = BinaryPrimitives.ReadInt32LittleEndian(chunk.AsSpan(offset));
                offset += 4 + Math.Max(len, 0);
            }
        }
        else
        {
            offset += 4;
        }

        return BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(offset + 4));
    }

    public async Task WriteAsync(NetworkStream stream, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        await stream.WriteAsync(bytes, ct);
        BytesSent += bytes.Length;
    }

    public static byte[] Acknowledge(uint receive = 8192, uint send = 8192, uint maxMessage = 0, uint maxChunks = 0)
    {
        var ack = new byte[28];
        System.Text.Encoding.ASCII.GetBytes("ACKF").CopyTo(ack, 0);
        BinaryPrimitives.WriteInt32LittleEndian(ack.AsSpan(4), 28);
        BinaryPrimitives.WriteUInt32LittleEndian(ack.AsSpan(12), receive);
        BinaryPrimitives.WriteUInt32LittleEndian(ack.AsSpan(16), send);
        BinaryPrimitives.WriteUInt32LittleEndian(ack.AsSpan(20), maxMessage);
        BinaryPrimitives.WriteUInt32LittleEndian(ack.AsSpan(24), maxChunks);
        return ack;
    }

    public static byte[] Error(uint code, string reason, string type = "ERR", char chunk = 'F')
    {
        var text = System.Text.Encoding.UTF8.GetBytes(reason);
        var msg = new byte[16 + text.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(msg, 0);
        msg[3] = (byte)chunk;
        BinaryPrimitives.WriteInt32LittleEndian(msg.AsSpan(4), msg.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(msg.AsSpan(8), code);
        BinaryPrimitives.WriteInt32LittleEndian(msg.AsSpan(12), text.Length);
        text.CopyTo(msg, 16);
        return msg;
    }

    /// <summary>A valid OPN response chunk for policy None.</summary>
    public byte[] OpenResponse(uint requestId, uint lifetimeMs = 600_000, uint? tokenId = null)
    {
        var response = new OpenSecureChannelResponse
        {
            ResponseHeader = new ResponseHeader { Timestamp = DateTime.UtcNow },
            SecurityToken = new ChannelSecurityToken { ChannelId = ChannelId, TokenId = tokenId ?? TokenId, CreatedAt = DateTime.UtcNow, RevisedLifetime = lifetimeMs },
        };
        var body = EncodeMessage(response);
        var policy = System.Text.Encoding.UTF8.GetBytes("http://opcfoundation.org/UA/SecurityPolicy#None");
        var size = 12 + 4 + policy.Length + 8 + 8 + body.Length;
        var chunk = new byte[size];
        System.Text.Encoding.ASCII.GetBytes("OPNF").CopyTo(chunk, 0);
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(4), size);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(8), ChannelId);
        var o = 12;
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(o), policy.Length);
        policy.CopyTo(chunk, o + 4);
        o += 4 + policy.Length;
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(o), -1);
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(o + 4), -1);
        o += 8;
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(o), _sequence++);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(o + 4), requestId);
        body.CopyTo(chunk, o + 8);
        return chunk;
    }

    /// <summary>A MSG chunk carrying <paramref name="body"/> for <paramref name="requestId"/>.</summary>
    public byte[] MessageChunk(uint requestId, ReadOnlySpan<byte> body, char chunkType = 'F', uint? sequence = null)
    {
        var chunk = new byte[24 + body.Length];
        System.Text.Encoding.ASCII.GetBytes("MSG").CopyTo(chunk, 0);
        chunk[3] = (byte)chunkType;
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(4), chunk.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(8), ChannelId);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(12), TokenId);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(16), sequence ?? _sequence++);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(20), requestId);
        body.CopyTo(chunk.AsSpan(24));
        return chunk;
    }

    public static byte[] EncodeMessage(IEncodeable message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new OpcUaBinaryWriter(buffer);
        writer.WriteMessage(message);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Hello → Ack, OPN → valid response: the client ends up with an open channel.</summary>
    public async Task HandshakeAsync(NetworkStream stream, CancellationToken ct, uint lifetimeMs = 600_000)
    {
        await ReadAsync(stream, ct); // HEL
        await WriteAsync(stream, Acknowledge(), ct);
        var (_, _, opn) = await ReadAsync(stream, ct);
        await WriteAsync(stream, OpenResponse(RequestIdOf(opn, asymmetric: true), lifetimeMs), ct);
    }

    /// <summary>Waits until the client closes or the test ends.</summary>
    public static async Task DrainAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer, ct) > 0)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }

        _listener.Dispose();
        _stop.Dispose();
    }
}
