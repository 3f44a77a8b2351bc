using Xunit;
using System.Globalization;
using DataBridge.Testing.Support;

namespace DataBridge.Testing.OpcUa;

/// <summary>How tests/peers/opcua/subscription-server.js is started.</summary>
public sealed record SubscriptionPeerOptions
{
    /// <summary>The port to listen on; 0 picks a free one (give the old port to restart a killed server in place).</summary>
    public int Port { get; init; }

    public int Items { get; init; } = 10;

    public int Rounds { get; init; } = 10;

    public int RoundIntervalMs { get; init; } = 500;

    public int MaxPublishQueue { get; init; } = 100;

    public int MaxItemsPerCall { get; init; } = 1000;

    public int TickerIntervalMs { get; init; } = 200;

    /// <summary>Adds the node <c>s=Late</c> (UInt32 42) this many ms after start; 0 never.</summary>
    public int LateNodeAfterMs { get; init; }
}

/// <summary>
/// The subscription peer: a node-opcua server on a free loopback port whose value changes the test triggers with
/// signals (SIGUSR2 counters, SIGHUP deadband sequence); killed on dispose.
/// </summary>
public sealed class SubscriptionPeer : IAsyncDisposable
{
    public const string Namespace = "urn:databridge:test:subs";

    private readonly ChildProcess _process;

    private SubscriptionPeer(ChildProcess process, string endpointUrl)
    {
        _process = process;
        EndpointUrl = endpointUrl;
    }

    public string EndpointUrl { get; }

    /// <summary>The port it listens on.</summary>
    public int Port => new Uri(EndpointUrl).Port;

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public void Kill() => _process.Kill();

    public string Output => _process.Output;

    public static async Task<SubscriptionPeer> StartAsync(SubscriptionPeerOptions options)
    {
        var directory = OpcUaPeer.PeerDirectory;
        if (!File.Exists(Path.Combine(directory, "node_modules", "node-opcua", "package.json")))
        {
            // The shared OPC UA peer installs node_modules (npm ci) on first start.
            await (await OpcUaPeer.StartAsync(new OpcUaPeerOptions { PerType = 1, LargeArrayLength = 10 })).DisposeAsync();
        }

        var port = options.Port > 0 ? options.Port : FreePort.Tcp();
        string[] args =
        [
            "subscription-server.js",
            "--port", Text(port),
            "--items", Text(options.Items),
            "--rounds", Text(options.Rounds),
            "--round-interval", Text(options.RoundIntervalMs),
            "--max-publish-queue", Text(options.MaxPublishQueue),
            "--max-items-per-call", Text(options.MaxItemsPerCall),
            "--ticker-interval", Text(options.TickerIntervalMs),
            "--late-node-after", Text(options.LateNodeAfterMs),
        ];
        var process = ChildProcess.Start("node", args, directory);
        try
        {
            var line = await process.WaitForLineAsync("READY ", TimeSpan.FromSeconds(60));
            return new SubscriptionPeer(process, line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGUSR2: run the counter rounds.</summary>
    public Task StartCountersAsync() => SignalAsync("-USR2");

    /// <summary>SIGHUP: run the deadband sequence.</summary>
    public Task StartDeadbandSequenceAsync() => SignalAsync("-HUP");

    /// <summary>SIGSTOP: the server hangs with its sockets open.</summary>
    public Task SuspendAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    public Task<string> WaitForLineAsync(string text, TimeSpan timeout) => _process.WaitForLineAsync(text, timeout);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task SignalAsync(string signal)
    {
        await using var kill = ChildProcess.Start("kill", [signal, Text(_process.Id)]);
        var code = await kill.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.True(code == 0, $"kill {signal} failed: {kill.Output}");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
