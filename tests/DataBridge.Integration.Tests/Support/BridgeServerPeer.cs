using System.Globalization;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests.Support;

/// <summary>
/// tests/peers/opcua/bridge-server.js on a free loopback port: deadband nodes whose values and StatusCodes step
/// through a fixed sequence on SIGHUP (each step with its own source timestamp); killed on dispose.
/// </summary>
public sealed class BridgeServerPeer : IAsyncDisposable
{
    public const string Namespace = "urn:databridge:test:bridge";

    private readonly ChildProcess _process;

    private BridgeServerPeer(ChildProcess process, string endpointUrl)
    {
        _process = process;
        EndpointUrl = endpointUrl;
    }

    public string EndpointUrl { get; }

    public string Output => _process.Output;

    public static async Task<BridgeServerPeer> StartAsync(int stepIntervalMs = 300)
    {
        var directory = OpcUaPeer.PeerDirectory;
        if (!File.Exists(Path.Combine(directory, "node_modules", "node-opcua", "package.json")))
        {
            // The shared peer runs npm ci on first start (one install for every script in the folder).
            await (await OpcUaPeer.StartAsync(new OpcUaPeerOptions { PerType = 1, LargeArrayLength = 10 })).DisposeAsync();
        }

        var process = ChildProcess.Start("node", ["bridge-server.js", "--port", Text(FreePort.Tcp()), "--step-interval", Text(stepIntervalMs)], directory);
        try
        {
            var line = await process.WaitForLineAsync("READY ", TimeSpan.FromSeconds(60));
            return new BridgeServerPeer(process, line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGHUP: run the steps; the script prints "SEQUENCE-DONE" after the last.</summary>
    public async Task StartSequenceAsync()
    {
        await using var kill = ChildProcess.Start("kill", ["-HUP", Text(_process.Id)]);
        var code = await kill.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.True(code == 0, $"kill -HUP failed: {kill.Output}");
    }

    public Task<string> WaitForLineAsync(string text, TimeSpan timeout) => _process.WaitForLineAsync(text, timeout);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
