using System.Net.Sockets;
using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Connectors.Modbus.Transport;

/// <summary>
/// One TCP connection to one device, with several requests in flight correlated by transaction id (Modbus
/// Messaging on TCP/IP v1.0b: the MBAP transaction identifier pairs a response with its request, so a client may
/// have several outstanding on one connection; devices that cannot queue are run with MaxInFlight = 1). One reader loop owns the receive side and completes pending requests. A malformed frame or a
/// storm of timeouts closes the connection; every pending request then fails and the owner re-dials.
/// Memory is bounded: one receive buffer of <see cref="MbapHeader.MaxAduLength"/> bytes per connection, because
/// a header is validated before its length is trusted.
/// </summary>
internal sealed partial class ModbusTcpConnection : IAsyncDisposable
{
    private const int AbandonedMemory = 32;

    private readonly Socket _socket;
    private readonly ModbusTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly string _endpoint;
    private readonly SemaphoreSlim _inFlight;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly byte[] _sendBuffer = new byte[ModbusReadRequest.AduLength];
    private readonly byte[] _receiveBuffer = new byte[MbapHeader.MaxAduLength];
    private readonly Dictionary<ushort, PendingRead> _pending = [];
    private readonly ushort[] _abandoned = new ushort[AbandonedMemory];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readLoop;
    private int _abandonedCount;
    private int _nextTransactionId;
    private int _consecutiveTimeouts;

    private ModbusTcpConnection(Socket socket, ModbusTransportOptions options, TimeProvider time)
    {
        _socket = socket;
        _options = options;
        _time = time;
        _endpoint = $"{options.Host}:{options.Port} unit {options.UnitId}";
        _inFlight = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
        _nextTransactionId = Random.Shared.Next(0, 0x10000);
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Completes with the reason when the connection is closed (never faults).</summary>
    public Task<Exception> Closed => _closed.Task;

    /// <summary>True until the connection is closed.</summary>
    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <summary>Dials the device (outbound only) and starts the reader loop.</summary>
    public static async Task<ModbusTcpConnection> ConnectAsync(ModbusTransportOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new ModbusTcpConnection(socket, options, time);
    }

    /// <summary>
    /// Sends <paramref name="request"/> and waits for its response; data bytes are copied to <paramref name="destination"/>.
    /// Throws <see cref="ModbusTimeoutException"/>, <see cref="ModbusConnectionException"/> or
    /// <see cref="ModbusProtocolException"/>; an exception response is a result, not an exception.
    /// </summary>
    public async Task<ModbusReadResult> ReadAsync(ModbusReadRequest request, Memory<byte> destination, CancellationToken cancellationToken)
    {
        request.Validate();
        if (destination.Length < request.ExpectedByteCount)
        {
            throw new ArgumentException($"Destination needs {request.ExpectedByteCount} bytes.", nameof(destination));
        }

        ThrowIfClosed();
        // Waiting for a free slot is bounded by the requests ahead (each ends by its own timeout or the connection's
        // close); the timeout then covers sending and the response, on the TimeProvider.
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        PendingRead? pending = null;
        try
        {
            ThrowIfClosed();
            pending = Register(request, destination);
            await SendAsync(pending, linked.Token).ConfigureAwait(false);
            var result = await pending.Completion.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            Interlocked.Exchange(ref _consecutiveTimeouts, 0);
            return result;
        }
        catch (OperationCanceledException) when (pending is not null && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Abandon(pending);
            var error = Timeout(request, pending.TransactionId, started);
            if (Interlocked.Increment(ref _consecutiveTimeouts) >= _options.TimeoutsBeforeReset)
            {
                Close(new ModbusConnectionException($"Connection to {_endpoint} reset after {_options.TimeoutsBeforeReset} consecutive timeouts.", error));
            }

            throw error;
        }
        catch (OperationCanceledException) when (pending is not null)
        {
            Abandon(pending);
            throw;
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private PendingRead Register(ModbusReadRequest request, Memory<byte> destination)
    {
        lock (_pending)
        {
            ushort id;
            do
            {
                id = unchecked((ushort)Interlocked.Increment(ref _nextTransactionId));
            }
            while (_pending.ContainsKey(id));

            var pending = new PendingRead(id, request, destination);
            _pending.Add(id, pending);
            return pending;
        }
    }

    private async Task SendAsync(PendingRead pending, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var length = ModbusRequestWriter.Write(_sendBuffer, pending.TransactionId, _options.UnitId, pending.Request);
            await _socket.SendAsync(_sendBuffer.AsMemory(0, length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            var error = new ModbusConnectionException($"Sending to {_endpoint} failed: {ex.Message}", ex);
            Close(error);
            throw error;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private void Abandon(PendingRead pending)
    {
        lock (_pending)
        {
            if (_pending.Remove(pending.TransactionId))
            {
                // A late answer to this id is expected, not hostile: remember it so the reader drops it quietly.
                _abandoned[_abandonedCount++ % AbandonedMemory] = pending.TransactionId;
            }
        }
    }

    private ModbusTimeoutException Timeout(ModbusReadRequest request, ushort? transactionId, long started)
    {
        int inFlight;
        lock (_pending)
        {
            inFlight = _pending.Count;
        }

        return new ModbusTimeoutException(
            $"Modbus read FC{(byte)request.FunctionCode} {request.StartAddress}+{request.Quantity} on {_endpoint} got no response within " +
            $"{_time.GetElapsedTime(started).TotalMilliseconds:0} ms (transaction {(transactionId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not sent: all slots busy")}; " +
            $"{inFlight} other request(s) in flight of {_options.MaxInFlight}; {_consecutiveTimeouts + 1} consecutive timeout(s)). " +
            "Check the device answers this unit id, or raise RequestTimeout / lower MaxInFlight for a slow device.");
    }

    private void ThrowIfClosed()
    {
        if (_closed.Task.IsCompleted)
        {
            throw new ModbusConnectionException($"Connection to {_endpoint} is closed: {_closed.Task.Result.Message}", _closed.Task.Result);
        }
    }

    /// <summary>Closes the connection once; fails every pending request with <paramref name="reason"/>.</summary>
    public void Close(Exception reason)
    {
        if (!_closed.TrySetResult(reason))
        {
            return;
        }

        _stop.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
        PendingRead[] failed;
        lock (_pending)
        {
            failed = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var pending in failed)
        {
            var error = reason as ModbusException ?? new ModbusConnectionException($"Connection to {_endpoint} lost: {reason.Message}", reason);
            pending.Completion.TrySetException(error);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Close(new ModbusConnectionException($"Connection to {_endpoint} closed by the client."));
        await _readLoop.ConfigureAwait(false);

        // The semaphores are not disposed: callers still unwinding from a failed request release their slot after
        // the connection closed, and SemaphoreSlim holds no unmanaged resource unless its wait handle is used.
        _stop.Dispose();
    }

    private sealed class PendingRead(ushort transactionId, ModbusReadRequest request, Memory<byte> destination)
    {
        public ushort TransactionId { get; } = transactionId;

        public ModbusReadRequest Request { get; } = request;

        public Memory<byte> Destination { get; } = destination;

        public TaskCompletionSource<ModbusReadResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
