using System.Globalization;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests.Support;

/// <summary>
/// One of the node-opcua scripts under tests/peers/opcua (subscription-server.js, bridge-server.js) on a free
/// loopback port: READY awaited with a deadline, value changes triggered with signals, killed on dispose.
/// </summary>
public sealed class NodeOpcUaServer : IAsyncDisposable
{
    /// <summary>Namespace of subscription-server.js (Counter.i, Ticker, Deadband.*).</summary>
    public const string SubscriptionNamespace = "urn:databridge:test:subs";

    /// <summary>Namespace of bridge-server.js (Deadband.Abs / Pct / All with status steps).</summary>
    public const string BridgeNamespace = "urn:databridge:test:bridge";

    private readonly ChildProcess _process;

    private NodeOpcUaServer(ChildProcess process, string endpointUrl)
    {
        _process = process;
        EndpointUrl = endpointUrl;
    }

    public string EndpointUrl { get; }

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// subscription-server.js: <paramref name="items"/> counters (+1 per round on SIGUSR2), a ticker, and
    /// <paramref name="maxPublishQueue"/> queued Publish requests per session before node-opcua answers
    /// BadTooManyPublishRequests.
    /// </summary>
    public static Task<NodeOpcUaServer> StartSubscriptionServerAsync(int items, int rounds, int roundIntervalMs, int maxPublishQueue = 100, int maxItemsPerCall = 1000, int tickerIntervalMs = 200) =>
        StartAsync(
            "subscription-server.js",
            "--items", Text(items),
            "--rounds", Text(rounds),
            "--round-interval", Text(roundIntervalMs),
            "--max-publish-queue", Text(maxPublishQueue),
            "--max-items-per-call", Text(maxItemsPerCall),
            "--ticker-interval", Text(tickerIntervalMs));

    /// <summary>bridge-server.js: the deadband/status sequence, one step every <paramref name="stepIntervalMs"/> on SIGHUP.</summary>
    public static Task<NodeOpcUaServer> StartBridgeServerAsync(int stepIntervalMs = 300) =>
        StartAsync("bridge-server.js", "--step-interval", Text(stepIntervalMs));

    /// <summary>A node id in <paramref name="namespaceUri"/> written the way the bridge configuration wants it (nsu=).</summary>
    public static string Node(string namespaceUri, string stringId) => $"nsu={namespaceUri};s={stringId}";

    /// <summary>SIGUSR2: subscription-server.js runs its counter rounds.</summary>
    public Task StartCountersAsync() => SignalAsync("-USR2");

    /// <summary>SIGHUP: the deadband sequence (either script).</summary>
    public Task StartSequenceAsync() => SignalAsync("-HUP");

    public Task<string> WaitForLineAsync(string text, TimeSpan timeout) => _process.WaitForLineAsync(text, timeout);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task<NodeOpcUaServer> StartAsync(string script, params string[] arguments)
    {
        var directory = OpcUaPeer.PeerDirectory;
        if (!File.Exists(Path.Combine(directory, "node_modules", "node-opcua", "package.json")))
        {
            // The shared peer runs npm ci on first start (one install for every script in the folder).
            await (await OpcUaPeer.StartAsync(new OpcUaPeerOptions { PerType = 1, LargeArrayLength = 10 })).DisposeAsync();
        }

        var process = ChildProcess.Start("node", [script, "--port", Text(FreePort.Tcp()), .. arguments], directory);
        try
        {
            var line = await process.WaitForLineAsync("READY ", TimeSpan.FromSeconds(60));
            return new NodeOpcUaServer(process, line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private async Task SignalAsync(string signal)
    {
        await using var kill = ChildProcess.Start("kill", [signal, Text(_process.Id)]);
        var code = await kill.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.True(code == 0, $"kill {signal} failed: {kill.Output}");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
