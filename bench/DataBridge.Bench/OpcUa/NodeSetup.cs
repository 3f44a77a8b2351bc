using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace DataBridge.Bench.OpcUa;

/// <summary>Finds bench/opcua, installs its node-opcua with <c>npm ci</c> when missing, describes the machine.</summary>
internal static class NodeSetup
{
    public static string FindScriptFolder()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var folder = Path.Combine(dir.FullName, "bench", "opcua");
                if (File.Exists(Path.Combine(folder, "bench-server.js")))
                {
                    return folder;
                }
            }
        }

        throw new DirectoryNotFoundException($"bench/opcua/bench-server.js not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}; run from the repository (bench/run.sh opcua).");
    }

    /// <summary>A clean clone has no node_modules: install the locked versions (package-lock.json) first.</summary>
    public static async Task EnsureInstalledAsync(string folder)
    {
        if (File.Exists(Path.Combine(folder, "node_modules", "node-opcua", "package.json")))
        {
            return;
        }

        Console.WriteLine($"installing node-opcua into {folder} (npm ci) ...");
        var info = new ProcessStartInfo("npm") { WorkingDirectory = folder, UseShellExecute = false };
        foreach (var a in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            info.ArgumentList.Add(a);
        }

        using var npm = Process.Start(info) ?? throw new InvalidOperationException("npm could not be started; install Node.js 20+ with npm.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await npm.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {folder} failed (exit {npm.ExitCode}); see its output above.");
        }
    }

    public static async Task<string> DescribeMachineAsync(string folder)
    {
        var cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            foreach (var line in await File.ReadAllLinesAsync("/proc/cpuinfo").ConfigureAwait(false))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    cpu = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                    break;
                }
            }
        }

        var node = "node ?";
        var info = new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using (var p = Process.Start(info))
        {
            if (p is not null)
            {
                node = "node " + (await p.StandardOutput.ReadToEndAsync().ConfigureAwait(false)).Trim();
                await p.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        return $"machine: {Environment.ProcessorCount} cores, {cpu}, {RuntimeInformation.FrameworkDescription} ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC), {node}, node-opcua {NodeOpcUaVersion(folder)}";
    }

    public static string NodeOpcUaVersion(string folder)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "node_modules", "node-opcua", "package.json")));
            return json.RootElement.GetProperty("version").GetString() ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
