using DataBridge.Testing.Support;

namespace DataBridge.Testing.Kafka;

/// <summary>
/// <c>databridge dev-kafka</c> started as a child process (for integration tests of the CLI): waits for the printed
/// <c>bootstrap: 127.0.0.1:PORT</c> line and kills the process tree on dispose.
/// </summary>
public sealed class DevKafkaProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private DevKafkaProcess(ChildProcess process, string bootstrapServers)
    {
        _process = process;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public string Output => _process.Output;

    /// <param name="databridgeDll">Path of the built <c>databridge.dll</c> (e.g. next to the test assembly when the test project references DataBridge.Cli).</param>
    /// <param name="brokers">Mock brokers to start.</param>
    /// <param name="port">Fixed loopback bootstrap port, or null for the brokers' own ports.</param>
    public static async Task<DevKafkaProcess> StartAsync(string databridgeDll, int brokers = 3, int? port = null)
    {
        var args = new List<string> { databridgeDll, "dev-kafka", "--brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (port is { } p)
        {
            args.AddRange(["--port", p.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        var process = ChildProcess.Start("dotnet", args);
        try
        {
            var line = await process.WaitForLineAsync("bootstrap: ", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            return new DevKafkaProcess(process, line["bootstrap: ".Length..].Trim());
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
