using System.Text.Json;
using DataBridge.Testing.Support;

namespace DataBridge.Testing.Modbus;

/// <summary>One value the pymodbus peer serves, as its script defines it (tests/peers/modbus/server.py).</summary>
/// <param name="Table">hr, ir, co or di.</param>
/// <param name="Address">Zero-based address.</param>
/// <param name="Type">int16, uint16, int32, uint32, int64, uint64, float32, float64, string or bool.</param>
/// <param name="Order">ABCD, BADC, CDAB or DCBA.</param>
/// <param name="Bit">Bit index for a bool in a register.</param>
/// <param name="Length">String length in registers.</param>
/// <param name="Value">The value the script put there.</param>
public sealed record PymodbusPoint(string Table, int Address, string Type, string Order, int Bit, int Length, JsonElement Value)
{
    public override string ToString() => $"{Table} {Address} {Type} {Order}{(Type == "bool" && Table is "hr" or "ir" ? $" bit {Bit}" : "")} = {Value}";
}

/// <summary>
/// A real Modbus TCP server (python3-pymodbus 3.0.0rc1, run with /usr/bin/python3) on a free loopback port, started
/// from tests/peers/modbus/server.py; readiness awaited with a deadline; killed on dispose. Can be stopped and started
/// again on the same port to simulate a device that goes away and comes back.
/// </summary>
public sealed class PymodbusServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private ChildProcess? _process;

    private readonly bool _counter;

    private PymodbusServer(int port, bool counter)
    {
        Port = port;
        _counter = counter;
    }

    /// <summary>
    /// With <c>counter</c> at start: the input register address of a uint32 (ABCD) that counts up every 5 ms, a value
    /// that changes faster than any poll.
    /// </summary>
    public const int CounterAddress = 20;

    public int Port { get; }

    public IReadOnlyList<PymodbusPoint> Points { get; private set; } = [];

    public bool IsRunning => _process is { HasExited: false };

    public static string Script => RepoPaths.Combine("tests", "peers", "modbus", "server.py");

    /// <summary>Starts the peer on <paramref name="port"/> (a free one when null).</summary>
    /// <param name="port">The port, or null for a free loopback port.</param>
    /// <param name="counter">Also serve the fast-changing counter at <see cref="CounterAddress"/>.</param>
    public static async Task<PymodbusServer> StartAsync(int? port = null, bool counter = false)
    {
        var server = new PymodbusServer(port ?? FreePort.Tcp(), counter);
        try
        {
            await server.StartAgainAsync().ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Starts the peer (again) on the same port.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The pymodbus peer is already running.");
        }

        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }

        var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _process = ChildProcess.Start("/usr/bin/python3", _counter ? new[] { Script, port, "--counter" } : new[] { Script, port });
        var line = await _process.WaitForLineAsync("POINTS ", StartTimeout).ConfigureAwait(false);
        await _process.WaitForLineAsync("READY ", StartTimeout).ConfigureAwait(false);
        var json = line[(line.IndexOf("POINTS ", StringComparison.Ordinal) + 7)..];
        Points = JsonSerializer.Deserialize<List<PymodbusPoint>>(json, JsonOptions)
                 ?? throw new InvalidOperationException("The pymodbus peer printed no points.");
    }

    /// <summary>Kills the peer (the device vanishes: connections drop, the port refuses).</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill();
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    public string Output => _process?.Output ?? "";

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
            _process = null;
        }
    }
}
