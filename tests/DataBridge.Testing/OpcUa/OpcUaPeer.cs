using System.Globalization;
using DataBridge.Testing.Support;

namespace DataBridge.Testing.OpcUa;

/// <summary>
/// A real node-opcua server started for a test: <c>npm ci</c> on first use (node_modules is cached), a free loopback
/// port, READY awaited with a deadline, and the process killed on dispose.
/// </summary>
public sealed class OpcUaPeer : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private readonly ChildProcess _process;
    private readonly string _dumpFile;

    private OpcUaPeer(ChildProcess process, string endpointUrl, int port, string dumpFile, OpcUaPeerOptions options)
    {
        _process = process;
        EndpointUrl = endpointUrl;
        Port = port;
        _dumpFile = dumpFile;
        Options = options;
        Definitions = OpcUaPeerDefinitions.Load(dumpFile);
    }

    public static string PeerDirectory => RepoPaths.Combine("tests", "peers", "opcua");

    /// <summary>The loopback endpoint, e.g. <c>opc.tcp://127.0.0.1:41234/databridge</c>.</summary>
    public string EndpointUrl { get; }

    public int Port { get; }

    public OpcUaPeerOptions Options { get; }

    public OpcUaPeerDefinitions Definitions { get; }

    /// <summary>Everything the server printed, for assertion messages.</summary>
    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public static async Task<OpcUaPeer> StartAsync(OpcUaPeerOptions? options = null, TimeSpan? readyTimeout = null)
    {
        options ??= new OpcUaPeerOptions();
        await EnsureInstalledAsync().ConfigureAwait(false);
        var port = options.Port != 0 ? options.Port : FreePort.Tcp();
        var dump = Path.Combine(Path.GetTempPath(), $"databridge-opcua-peer-{Guid.NewGuid():N}.json");
        var args = new List<string>
        {
            "server.js",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--per-type", options.PerType.ToString(CultureInfo.InvariantCulture),
            "--token-lifetime", options.TokenLifetimeMs.ToString(CultureInfo.InvariantCulture),
            "--large-array", options.LargeArrayLength.ToString(CultureInfo.InvariantCulture),
            "--dump", dump,
        };
        if (options.ReverseNamespaces)
        {
            args.Add("--reverse-namespaces");
        }

        if (options.EdgeCases)
        {
            args.Add("--edge-cases");
        }

        if (options.PkiDirectory is not null)
        {
            args.AddRange(["--pki", options.PkiDirectory]);
        }

        if (options.DeprecatedPolicies)
        {
            args.Add("--deprecated-policies");

            // Node refuses RSA PKCS#1 v1.5 decryption (Basic128Rsa15) since CVE-2023-46809 unless told otherwise.
            args.Insert(0, "--security-revert=CVE-2023-46809");
        }

        var process = ChildProcess.Start("node", args, PeerDirectory);
        try
        {
            var line = await process.WaitForLineAsync("READY ", readyTimeout ?? TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            var url = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return new OpcUaPeer(process, url, port, dump, options);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops this server and starts another on the same port with new options (e.g. swapped namespaces).</summary>
    public async Task<OpcUaPeer> RestartAsync(OpcUaPeerOptions options)
    {
        await DisposeAsync().ConfigureAwait(false);
        return await StartAsync(options with { Port = Port }).ConfigureAwait(false);
    }

    /// <summary>Freezes the server (SIGSTOP): its sockets stay open but nothing answers, like a hung PLC gateway.</summary>
    public Task SuspendAsync() => SignalAsync("-STOP");

    /// <summary>Lets a suspended server run again (SIGCONT).</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    /// <summary>Kills the server abruptly, as a crash would.</summary>
    public void Kill() => _process.Kill();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        try
        {
            File.Delete(_dumpFile);
        }
        catch (IOException)
        {
        }
    }

    private async Task SignalAsync(string signal)
    {
        await using var kill = ChildProcess.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        var code = await kill.WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        if (code != 0)
        {
            throw new InvalidOperationException($"kill {signal} {_process.Id} failed: {kill.Output}");
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (File.Exists(Path.Combine(PeerDirectory, "node_modules", "node-opcua", "package.json")))
            {
                return;
            }

            await using var npm = ChildProcess.Start("npm", ["ci", "--no-audit", "--no-fund"], PeerDirectory);
            var code = await npm.WaitForExitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            if (code != 0)
            {
                throw new InvalidOperationException($"npm ci failed in {PeerDirectory} with exit code {code}:\n{npm.Output}");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }
}
