using System.Globalization;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests.Support;

/// <summary>
/// tests/peers/opcua/subscription-server.js on a loopback port that stays the same across <see cref="KillAsync"/> and
/// <see cref="StartAgainAsync"/> (a restarted server process: same address, subscriptions gone, Ticker from 0 again).
/// Nodes in <see cref="Namespace"/>: <c>s=Ticker</c> (UInt32, +1 every tick interval), <c>s=Counter.i</c>.
/// </summary>
public sealed class OpcUaFaultServer : IAsyncDisposable
{
    public const string Namespace = "urn:databridge:test:subs";

    public const string TickerNode = "nsu=" + Namespace + ";s=Ticker";

    private readonly int _tickerIntervalMs;
    private readonly int _maxPublishQueue;
    private ChildProcess? _process;

    private OpcUaFaultServer(int port, int tickerIntervalMs, int maxPublishQueue)
    {
        Port = port;
        _tickerIntervalMs = tickerIntervalMs;
        _maxPublishQueue = maxPublishQueue;
    }

    public int Port { get; }

    /// <summary>The server's own endpoint URL (the bridge is pointed at the proxy instead).</summary>
    public string EndpointUrl { get; private set; } = string.Empty;

    /// <summary>What every server process started so far printed, for assertion messages.</summary>
    public string Output => _previousOutput + (_process?.Output ?? string.Empty);

    private string _previousOutput = string.Empty;

    /// <summary>Starts the peer; beyond <paramref name="maxPublishQueue"/> queued Publish requests per session it answers BadTooManyPublishRequests.</summary>
    public static async Task<OpcUaFaultServer> StartAsync(int tickerIntervalMs = 200, int maxPublishQueue = 100)
    {
        if (!File.Exists(Path.Combine(OpcUaPeer.PeerDirectory, "node_modules", "node-opcua", "package.json")))
        {
            // The shared OPC UA peer runs npm ci on first start.
            await (await OpcUaPeer.StartAsync(new OpcUaPeerOptions { PerType = 1, LargeArrayLength = 10 })).DisposeAsync();
        }

        var server = new OpcUaFaultServer(FreePort.Tcp(), tickerIntervalMs, maxPublishQueue);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts a new server process on the same port (after <see cref="KillAsync"/>).</summary>
    public async Task StartAgainAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The server is still running; kill it first.");
        }

        string[] args =
        [
            "subscription-server.js",
            "--port", Text(Port),
            "--items", "1",
            "--ticker-interval", Text(_tickerIntervalMs),
            "--max-publish-queue", Text(_maxPublishQueue),
        ];
        var process = ChildProcess.Start("node", args, OpcUaPeer.PeerDirectory);
        _process = process;
        var line = await process.WaitForLineAsync("READY ", TimeSpan.FromSeconds(60));
        EndpointUrl = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    }

    /// <summary>SIGKILL: the process dies with its subscriptions, its sockets are reset by the kernel.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        _previousOutput += _process.Output + "---- server killed ----\n";
        await _process.DisposeAsync();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
