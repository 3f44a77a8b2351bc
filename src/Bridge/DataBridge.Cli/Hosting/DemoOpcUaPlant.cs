namespace DataBridge.Cli.Hosting;

/// <summary>
/// The demo's OPC UA side: finds the node-opcua plant simulator (samples/opcua-plant), installs its
/// node_modules on first use (<c>npm ci</c>, pinned by the committed package-lock.json) and starts it on a free
/// loopback port. Without Node.js (or without the simulator's folder) it says so in one line and the demo runs
/// its Modbus part alone.
/// </summary>
internal static class DemoOpcUaPlant
{
    /// <summary>The simulator's folder, relative to the repository root.</summary>
    public static readonly string RelativeDirectory = Path.Combine("samples", "opcua-plant");

    private const string Script = "server.js";

    /// <summary>Starts the simulator, or returns null after writing to <paramref name="output"/> why the demo goes on without it.</summary>
    public static async Task<NodeSimulatorProcess?> TryStartAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var directory = FindDirectory();
        if (directory is null)
        {
            await output.WriteLineAsync($"OPC UA simulator skipped: {RelativeDirectory} was not found (it is in a clone of the repository; run the demo from there with ./databridge demo).").ConfigureAwait(false);
            return null;
        }

        var node = NodeSimulatorProcess.FindOnPath("node");
        if (node is null)
        {
            await output.WriteLineAsync("OPC UA simulator skipped: Node.js is not on PATH. Install Node.js 20 (with npm, e.g. `apt-get install nodejs npm` or https://nodejs.org) and run the demo again to see OPC UA values too.").ConfigureAwait(false);
            return null;
        }

        try
        {
            await EnsureInstalledAsync(directory, output, cancellationToken).ConfigureAwait(false);
            var sim = await NodeSimulatorProcess.StartAsync(node, directory, Script, ["--port", "0"], TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"OPC UA simulator (node-opcua, 2 ovens): {sim.EndpointUrl}").ConfigureAwait(false);
            return sim;
        }
        catch (NodeSimulatorException ex)
        {
            await output.WriteLineAsync($"OPC UA simulator skipped: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>The simulator folder found from the executable's folder or the working directory upwards, or null.</summary>
    public static string? FindDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativeDirectory);
                if (File.Exists(Path.Combine(candidate, Script)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static async Task EnsureInstalledAsync(string directory, TextWriter output, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(directory, "node_modules", "node-opcua", "package.json")))
        {
            return;
        }

        var npm = NodeSimulatorProcess.FindOnPath("npm")
            ?? throw new NodeSimulatorException($"its packages are not installed and npm is not on PATH. Install npm (it comes with Node.js 20), or run `npm ci` in {RelativeDirectory}.");
        await output.WriteLineAsync($"OPC UA simulator: installing node-opcua once (npm ci in {RelativeDirectory}) ...").ConfigureAwait(false);
        var (code, text) = await NodeSimulatorProcess.RunToolAsync(npm, directory, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new NodeSimulatorException($"`npm ci` in {RelativeDirectory} failed (exit code {code}); check the network access to the npm registry and run it by hand. npm said:\n{text.Trim()}");
        }
    }
}
