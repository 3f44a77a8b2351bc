using System.Net;
using System.Net.Sockets;
using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Simulators.Modbus;

/// <summary>
/// A small Modbus TCP server for the demo and for tests: bound to 127.0.0.1 only, answering read function codes
/// 1-4 from a <see cref="ModbusDataBank"/> that a <see cref="PlantModel"/> keeps moving. Any other function code gets
/// exception 1 (illegal function): the simulator has no writable state reachable from the wire.
/// See README.md next to this project for the register map.
/// </summary>
public sealed class ModbusSimulator : IAsyncDisposable
{
    private readonly ModbusSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients = [];
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private Task? _plantLoop;
    private int _activeClients;
    private long _requests;

    /// <summary>Creates the simulator; <see cref="Start"/> binds the socket.</summary>
    public ModbusSimulator(ModbusSimulatorOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new ModbusSimulatorOptions();
        _time = timeProvider ?? TimeProvider.System;
        Bank = new ModbusDataBank(_options.TableSize);
        Plant = _options.Machines > 0 ? new PlantModel(Bank, _options.Machines, _options.Seed, _options.FirstNameNumber) : null;
    }

    /// <summary>The values served.</summary>
    public ModbusDataBank Bank { get; }

    /// <summary>The plant model moving the values, or null when <see cref="ModbusSimulatorOptions.Machines"/> is 0.</summary>
    public PlantModel? Plant { get; }

    /// <summary>The bound port (valid after <see cref="Start"/>).</summary>
    public int Port { get; private set; }

    /// <summary>Requests answered so far.</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>Binds 127.0.0.1 and starts serving and ticking the plant model.</summary>
    public void Start()
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("The simulator is already started.");
        }

        // Loopback only: product promise 1 (nothing listens on a non-loopback socket).
        _listener = new TcpListener(IPAddress.Loopback, _options.Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
        if (Plant is not null)
        {
            Plant.Tick(TimeSpan.Zero);
            _plantLoop = Task.Run(PlantLoopAsync);
        }
    }

    private async Task PlantLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.TickInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Plant!.Tick(_options.TickInterval);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener!.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                if (Interlocked.Increment(ref _activeClients) > _options.MaxClients)
                {
                    Interlocked.Decrement(ref _activeClients);
                    client.Dispose();
                    continue;
                }

                lock (_clients)
                {
                    _clients.RemoveAll(t => t.IsCompleted);
                    _clients.Add(Task.Run(() => ServeAsync(client)));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var receive = new byte[MbapHeader.MaxAduLength];
        var send = new byte[MbapHeader.MaxAduLength];
        var filled = 0;
        try
        {
            using (client)
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                while (true)
                {
                    var read = await stream.ReadAsync(receive.AsMemory(filled), _stop.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                    var offset = 0;
                    while (true)
                    {
                        var length = TryAnswer(receive.AsSpan(offset, filled - offset), send, out var consumed);
                        if (consumed == 0)
                        {
                            break;
                        }

                        offset += consumed;
                        await stream.WriteAsync(send.AsMemory(0, length), _stop.Token).ConfigureAwait(false);
                    }

                    receive.AsSpan(offset, filled - offset).CopyTo(receive);
                    filled -= offset;
                }
            }
        }
        catch (ModbusProtocolException)
        {
            // Not Modbus TCP (bad protocol id or length): drop the client rather than guess where the next frame starts.
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _activeClients);
        }
    }

    private int TryAnswer(ReadOnlySpan<byte> buffer, Span<byte> send, out int consumed)
    {
        if (!ModbusFrameReader.TryReadFrame(buffer, out var header, out var pdu, out consumed))
        {
            consumed = 0;
            return 0;
        }

        Interlocked.Increment(ref _requests);
        return ModbusServerFrames.Answer(header, pdu, Bank, send);
    }

    /// <summary>Stops listening, drops every client and waits for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        if (_plantLoop is not null)
        {
            await _plantLoop.ConfigureAwait(false);
        }

        Task[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
        }

        await Task.WhenAll(clients).ConfigureAwait(false);
        _listener?.Dispose();
        _stop.Dispose();
    }
}
