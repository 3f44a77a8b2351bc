using System.Net.Sockets;
using DataBridge.Connectors.Modbus.Encoding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace DataBridge.Connectors.Modbus.Transport;

/// <summary>
/// The link to one device: keeps one <see cref="ModbusTcpConnection"/> open, and when it closes (device gone,
/// malformed frame, timeout storm) re-dials with exponential backoff through a Polly <see cref="ResiliencePipeline"/>.
/// A connection that ends before <see cref="ModbusTransportOptions.HealthyConnectionTime"/> counts as a failed
/// attempt, so a server that accepts and then sends garbage is re-dialled with growing delays, not in a tight loop.
/// Reads while the link is down wait for it at most the request timeout, then fail with <see cref="ModbusConnectionException"/>.
/// </summary>
public sealed partial class ModbusTcpChannel : IAsyncDisposable
{
    private readonly ModbusTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _dialPipeline;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private TaskCompletionSource<ModbusTcpConnection> _connected = NewConnectedSource();
    private Exception? _lastError;
    private Task? _supervisor;
    private long _connects;

    /// <summary>Creates the channel; call <see cref="Start"/> to begin dialling.</summary>
    public ModbusTcpChannel(ModbusTransportOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _dialPipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                // Every failure is retried (a supervisor that gave up would leave the device unpolled for good);
                // only cancellation, which means the channel is being disposed, ends the run.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null and not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectDelay,
                MaxDelay = options.MaxReconnectDelay,
                OnRetry = args =>
                {
                    LogRedial(_logger, Endpoint, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>host:port unit n, for messages.</summary>
    public string Endpoint => $"{_options.Host}:{_options.Port} unit {_options.UnitId}";

    /// <summary>True while a connection is open.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connected.Task.IsCompletedSuccessfully && _connected.Task.Result.IsOpen;
            }
        }
    }

    /// <summary>How many times a connection was established (for tests and metrics).</summary>
    public long ConnectCount => Interlocked.Read(ref _connects);

    /// <summary>Starts dialling in the background. Idempotent.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _supervisor ??= Task.Run(SuperviseAsync);
        }
    }

    /// <summary>
    /// Reads one range. Throws <see cref="ModbusConnectionException"/> when no connection comes up within the request
    /// timeout, <see cref="ModbusTimeoutException"/> or <see cref="ModbusProtocolException"/>; an exception response is
    /// returned in the result.
    /// </summary>
    public async ValueTask<ModbusReadResult> ReadAsync(ModbusReadRequest request, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        ModbusTcpConnection connection;
        while (true)
        {
            Task<ModbusTcpConnection> connected;
            lock (_gate)
            {
                connected = _connected.Task;
            }

            var remaining = _options.RequestTimeout - _time.GetElapsedTime(started);
            try
            {
                if (remaining <= TimeSpan.Zero)
                {
                    throw new TimeoutException();
                }

                connection = await connected.WaitAsync(remaining, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new ModbusConnectionException(
                    $"Not connected to {Endpoint}{(_lastError is null ? "" : ": " + _lastError.Message)}. The channel keeps re-dialling; check the device is up and reachable.",
                    _lastError ?? new TimeoutException());
            }

            if (connection.IsOpen)
            {
                break;
            }

            // The connection just closed and the supervisor has not swapped in a fresh source yet: do it here, so this
            // read waits for the re-dial (within its timeout) instead of failing on a connection known to be dead.
            lock (_gate)
            {
                if (ReferenceEquals(_connected.Task, connected))
                {
                    _connected = NewConnectedSource();
                }
            }
        }

        return await connection.ReadAsync(request, destination, cancellationToken).ConfigureAwait(false);
    }

    private async Task SuperviseAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                // One pipeline run = dial until a connection turns out healthy; backoff restarts after a healthy one.
                await _dialPipeline.ExecuteAsync(RunOneConnectionAsync, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async ValueTask RunOneConnectionAsync(CancellationToken token)
    {
        ModbusTcpConnection connection;
        using (var dialTimeout = new CancellationTokenSource(_options.ConnectTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(token, dialTimeout.Token))
        {
            try
            {
                connection = await ModbusTcpConnection.ConnectAsync(_options, _time, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (dialTimeout.IsCancellationRequested && !token.IsCancellationRequested)
            {
                throw Remember(new ModbusConnectionException($"Connecting to {Endpoint} took longer than {_options.ConnectTimeout.TotalSeconds:0.#} s."));
            }
            catch (SocketException ex)
            {
                throw Remember(new ModbusConnectionException($"Connecting to {Endpoint} failed: {ex.Message}", ex));
            }
        }

        await using (connection.ConfigureAwait(false))
        {
            var since = _time.GetTimestamp();
            Interlocked.Increment(ref _connects);
            LogConnected(_logger, Endpoint);
            lock (_gate)
            {
                _connected.TrySetResult(connection);
            }

            Exception reason;
            try
            {
                reason = await connection.Closed.WaitAsync(token).ConfigureAwait(false);
            }
            finally
            {
                lock (_gate)
                {
                    // A reader may already have swapped in a fresh, pending source; keep that one.
                    if (_connected.Task.IsCompleted)
                    {
                        _connected = NewConnectedSource();
                    }
                }
            }

            Remember(reason);
            LogDisconnected(_logger, Endpoint, reason.Message);
            if (_time.GetElapsedTime(since) < _options.HealthyConnectionTime)
            {
                // Short-lived: count as a failed attempt so the pipeline backs off before the next dial.
                throw reason as ModbusException ?? new ModbusConnectionException(reason.Message, reason);
            }
        }
    }

    private Exception Remember(Exception error)
    {
        _lastError = error;
        return error;
    }

    private static TaskCompletionSource<ModbusTcpConnection> NewConnectedSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        Task? supervisor;
        lock (_gate)
        {
            supervisor = _supervisor;
            if (_connected.Task.IsCompletedSuccessfully)
            {
                _connected.Task.Result.Close(new ModbusConnectionException($"Channel to {Endpoint} disposed."));
            }
        }

        if (supervisor is not null)
        {
            await supervisor.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Modbus connected to {Endpoint}")]
    private static partial void LogConnected(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modbus connection to {Endpoint} closed: {Reason}")]
    private static partial void LogDisconnected(ILogger logger, string endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modbus re-dial of {Endpoint}, attempt {Attempt} in {DelayMs} ms: {Reason}")]
    private static partial void LogRedial(ILogger logger, string endpoint, int attempt, double delayMs, string? reason);
}
