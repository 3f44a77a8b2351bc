using System.Diagnostics;
using System.Text;

namespace DataBridge.Cli.Hosting;

/// <summary>
/// A Node.js simulator script run as a child of the demo: its standard input is a pipe the simulator watches (it
/// exits when the pipe closes, i.e. when this process ends however it ends), its output is drained so it never
/// blocks, its <c>READY &lt;endpointUrl&gt;</c> line is awaited with a deadline, and disposing stops it (stdin
/// closed first for a clean shutdown, then the process tree killed if it lingers).
/// </summary>
internal sealed class NodeSimulatorProcess : IAsyncDisposable
{
    private const int TailLines = 30;
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _tail = new();
    private volatile bool _disposed;

    private NodeSimulatorProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The endpoint the simulator printed in its READY line.</summary>
    public string EndpointUrl { get; private set; } = "";

    /// <summary>The simulator's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the simulator has exited.</summary>
    public bool HasExited => _disposed || _process.HasExited;

    /// <summary>The last lines the simulator printed (stdout and stderr), for error messages.</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>
    /// Runs <c>node &lt;script&gt; &lt;arguments&gt;</c> in <paramref name="directory"/> and waits for its READY line.
    /// </summary>
    /// <exception cref="NodeSimulatorException">The script exited or stayed silent past <paramref name="readyTimeout"/>.</exception>
    public static async Task<NodeSimulatorProcess> StartAsync(string nodeExecutable, string directory, string script, IReadOnlyList<string> arguments, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(nodeExecutable)
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(script);
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var sim = new NodeSimulatorProcess(process);
        process.OutputDataReceived += (_, e) => sim.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => sim.OnLine(e.Data);
        process.Exited += (_, _) => sim._ready.TrySetException(new NodeSimulatorException($"{script} exited before it was ready. Its last output:\n{sim.Tail}"));
        try
        {
            if (!process.Start())
            {
                throw new NodeSimulatorException($"could not start {nodeExecutable} {script}");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new NodeSimulatorException($"could not start {nodeExecutable}: {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var line = await sim._ready.Task.WaitAsync(readyTimeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            sim.EndpointUrl = parts.Length > 1 ? parts[1] : throw new NodeSimulatorException($"{script} printed '{line}' without an endpoint.");
            return sim;
        }
        catch (TimeoutException)
        {
            await sim.DisposeAsync().ConfigureAwait(false);
            throw new NodeSimulatorException($"{script} did not print READY within {readyTimeout.TotalSeconds:0} s. Its last output:\n{sim.Tail}");
        }
        catch
        {
            await sim.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("READY ", StringComparison.Ordinal))
        {
            _ready.TrySetResult(line);
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    /// <summary>Closes the simulator's stdin (it shuts down by itself), then kills the process tree if it is still there after 3 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    using var killed = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _process.WaitForExitAsync(killed.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or never started: nothing left to stop.
        }
        finally
        {
            _disposed = true;
            _process.Dispose();
        }
    }

    /// <summary>Finds <paramref name="name"/> (e.g. <c>node</c>, <c>npm</c>) on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        string[] names = OperatingSystem.IsWindows() ? [name + ".exe", name + ".cmd"] : [name];
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var n in names)
            {
                var candidate = Path.Combine(dir, n);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Runs a short tool (e.g. <c>npm ci</c>) to completion; returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToolAsync(string executable, string directory, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(executable)
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = new Process { StartInfo = psi };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"could not start {executable}: {ex.Message}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            lock (output)
            {
                return (-1, $"timed out after {timeout.TotalSeconds:0} s\n{output}");
            }
        }

        // WaitForExitAsync returns after the output streams reached their end, so the text is complete here.
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
