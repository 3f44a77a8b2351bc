using System.Diagnostics;
using System.Threading.Channels;

namespace DataBridge.Bench.OpcUa;

/// <summary>
/// A node script under bench/opcua run as a child process: stdout lines are queued for <see cref="WaitForLineAsync"/>,
/// commands go to its stdin, and disposing kills it (and whatever it started) if it is still running.
/// </summary>
internal sealed class NodeScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<string> _stderrTail = new();

    private NodeScript(Process process) => _process = process;

    public static NodeScript Start(string workingDirectory, string script, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = info };
        var child = new NodeScript(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                child._lines.Writer.TryComplete();
            }
            else
            {
                child._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (child._stderrTail)
            {
                child._stderrTail.Enqueue(e.Data);
                if (child._stderrTail.Count > 20)
                {
                    child._stderrTail.Dequeue();
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Total CPU time of the script's process so far (user + system).</summary>
    public TimeSpan TotalProcessorTime
    {
        get
        {
            try
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The next stdout line that starts with <paramref name="prefix"/>; other lines are skipped.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(deadline.Token).ConfigureAwait(false))
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }

                if (line.StartsWith("FAILED", StringComparison.Ordinal) || line.StartsWith("REFUSED", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{_process.StartInfo.ArgumentList[0]}: {line}");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{_process.StartInfo.ArgumentList[0]} printed no '{prefix}' line within {timeout.TotalSeconds:0} s. Its stderr ends with:{Environment.NewLine}{StderrTail()}");
        }

        throw new InvalidOperationException($"{_process.StartInfo.ArgumentList[0]} exited before printing '{prefix}'. Its stderr ends with:{Environment.NewLine}{StderrTail()}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or it would not die in 10 s: nothing more a benchmark can do.
        }

        _process.Dispose();
    }

    private string StderrTail()
    {
        lock (_stderrTail)
        {
            return string.Join(Environment.NewLine, _stderrTail);
        }
    }
}
