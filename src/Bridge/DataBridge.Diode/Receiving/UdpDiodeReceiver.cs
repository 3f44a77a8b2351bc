using System.Net;
using System.Net.Sockets;
using DataBridge.Diode.Datagrams;
using Microsoft.Extensions.Logging;

namespace DataBridge.Diode.Receiving;

/// <summary>
/// The IT side's socket: a bound UDP socket (the IT side may listen) feeding a <see cref="DiodeReceiverCore"/> from one
/// receive loop, with a timer for the core's time-based decisions. One buffer, reused for every datagram.
/// </summary>
public sealed class UdpDiodeReceiver : IAsyncDisposable
{
    // SO_RCVBUFFORCE (Linux): as root, a receive buffer above net.core.rmem_max; bursts of a fast sender need it.
    private const int SolSocket = 1;
    private const int SoRcvBufForce = 33;

    private readonly Socket _socket;
    private readonly DiodeReceiverCore _core;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly object _gate = new();
    private readonly ILogger? _logger;

    private UdpDiodeReceiver(Socket socket, DiodeReceiverCore core, TimeProvider time, TimeSpan tick, ILogger? logger)
    {
        _socket = socket;
        _core = core;
        _logger = logger;
        _timer = time.CreateTimer(_ => Tick(), null, tick, tick);
        _loop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>The address the socket is bound to (with the port the kernel chose for port 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Binds <paramref name="bind"/> and starts receiving into <paramref name="core"/>.</summary>
    public static UdpDiodeReceiver Start(IPEndPoint bind, DiodeReceiverCore core, TimeProvider? time = null, ILogger? logger = null, int receiveBufferBytes = 32 << 20)
    {
        ArgumentNullException.ThrowIfNull(bind);
        var socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            SetReceiveBuffer(socket, receiveBufferBytes);
            socket.Bind(bind);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return Start(socket, core, time, logger);
    }

    /// <summary>Starts receiving on an already bound socket (for example one created inside another network namespace).</summary>
    public static UdpDiodeReceiver Start(Socket boundSocket, DiodeReceiverCore core, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(boundSocket);
        ArgumentNullException.ThrowIfNull(core);
        return new UdpDiodeReceiver(boundSocket, core, time ?? TimeProvider.System, TimeSpan.FromMilliseconds(100), logger);
    }

    /// <summary>Sets the receive buffer, above the system limit when privileged.</summary>
    public static void SetReceiveBuffer(Socket socket, int bytes)
    {
        ArgumentNullException.ThrowIfNull(socket);
        try
        {
            socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(bytes));
        }
        catch (SocketException)
        {
            socket.ReceiveBufferSize = bytes;
        }
    }

    /// <summary>The exception that stopped the receive loop (the output failed), or null while it runs.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>The statistics, read under the processing lock.</summary>
    public DiodeLinkStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return _core.Statistics;
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> on the core under the processing lock (positions, flush).</summary>
    public T WithCore<T>(Func<DiodeReceiverCore, T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            return action(_core);
        }
    }

    /// <summary>Stops receiving, flushes open blocks into the output and closes the socket (the core stays the caller's).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        await _timer.DisposeAsync();
        lock (_gate)
        {
            _core.Flush();
        }

        _stop.Dispose();
    }

    private void Tick()
    {
        lock (_gate)
        {
            _core.Tick();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[DatagramLimits.MaxDatagramLength + 1];
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, token);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || token.IsCancellationRequested)
            {
                return;
            }

            lock (_gate)
            {
                try
                {
                    _core.Receive(buffer.AsSpan(0, length));
                }
                catch (Exception e)
                {
                    // The output failed (the outbox, say): a record may be half-handled, so stop loudly rather than lose it silently.
                    _logger?.LogCritical(e, "Diode receiver output failed; the receiver stops. Fix the output and restart it: records since its last position are then reported as gaps or resent.");
                    Failure = e;
                    return;
                }
            }
        }
    }
}
