using System.Net;
using System.Net.Sockets;

namespace DataBridge.Testing.Modbus;

/// <summary>
/// A scripted, hostile Modbus TCP "server" on a loopback port: for every connection it reads each 12-byte read
/// request and lets the test decide what bytes to send back (garbage, wrong protocol id, lengths past the limit,
/// truncated frames, wrong transaction ids), or to stay silent. Counts connections so tests can see resets.
/// </summary>
public sealed class HostileModbusServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<byte[], int, byte[]?> _respond;
    private readonly List<Task> _tasks = [];
    private readonly Task _accept;
    private int _connections;
    private long _bytesSent;

    /// <param name="respond">Given a received request frame and the connection number (1-based), the bytes to send; null to stay silent.</param>
    public HostileModbusServer(Func<byte[], int, byte[]?> respond)
    {
        _respond = respond;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accept = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public int Connections => Volatile.Read(ref _connections);

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                var n = Interlocked.Increment(ref _connections);
                lock (_tasks)
                {
                    _tasks.Add(Task.Run(() => ServeAsync(client, n)));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = new byte[12];
                while (true)
                {
                    await stream.ReadExactlyAsync(request, _stop.Token).ConfigureAwait(false);
                    var answer = _respond((byte[])request.Clone(), connection);
                    if (answer is not null)
                    {
                        await stream.WriteAsync(answer, _stop.Token).ConfigureAwait(false);
                        Interlocked.Add(ref _bytesSent, answer.Length);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or EndOfStreamException or ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accept.ConfigureAwait(false);
        Task[] tasks;
        lock (_tasks)
        {
            tasks = [.. _tasks];
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        _listener.Dispose();
        _stop.Dispose();
    }
}
