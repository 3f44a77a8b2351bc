using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DataBridge.Testing.Support;

namespace DataBridge.Testing.Mqtt;

/// <summary>
/// A real Mosquitto broker (Debian's <c>/usr/sbin/mosquitto</c>) started by a test on a free loopback port with a
/// generated config file, logging everything (<c>log_type all</c>) to a file the test can read; stopped and its folder
/// removed on dispose. <see cref="RestartAsync"/> kills it and starts it again on the same port.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    /// <summary>Where Debian installs the broker (not on a non-root PATH).</summary>
    public const string Executable = "/usr/sbin/mosquitto";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string _configPath;
    private ChildProcess? _process;

    private MosquittoBroker(string directory, int port, MosquittoBrokerOptions options)
    {
        Directory = directory;
        Port = port;
        Options = options;
        LogPath = Path.Combine(directory, "mosquitto.log");
        _configPath = Path.Combine(directory, "mosquitto.conf");
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>The broker's working folder (config, log, password file).</summary>
    public string Directory { get; }

    /// <summary>The broker's log file.</summary>
    public string LogPath { get; }

    /// <summary>How it was configured.</summary>
    public MosquittoBrokerOptions Options { get; }

    /// <summary>True when Mosquitto is installed (test.sh installs it).</summary>
    public static bool IsInstalled => File.Exists(Executable);

    /// <summary>Everything the broker logged so far.</summary>
    public string Log
    {
        get
        {
            using var stream = new FileStream(LogPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Starts a broker and waits (with a deadline) until it accepts TCP connections.</summary>
    public static async Task<MosquittoBroker> StartAsync(MosquittoBrokerOptions? options = null)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"{Executable} is missing: install the Debian package 'mosquitto' (test.sh does).");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("databridge-mosquitto-").FullName;
        var broker = new MosquittoBroker(directory, FreePort.Tcp(), options ?? new MosquittoBrokerOptions());
        await broker.WriteConfigAsync();
        await broker.StartProcessAsync();
        return broker;
    }

    /// <summary>Kills the broker (no clean shutdown: clients see the socket drop) and starts it again on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    /// <summary>Kills the broker.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.DisposeAsync();
        }
    }

    /// <summary>Waits until the log contains <paramref name="text"/>.</summary>
    public Task WaitForLogAsync(string text, TimeSpan timeout) =>
        Eventually.WaitUntilAsync(() => Log.Contains(text, StringComparison.Ordinal), timeout, $"Mosquitto log line containing '{text}'");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WriteConfigAsync()
    {
        var config = new StringBuilder();
        config.AppendLine(CultureInfo.InvariantCulture, $"listener {Port} 127.0.0.1");
        config.AppendLine(CultureInfo.InvariantCulture, $"log_dest file {LogPath}");
        config.AppendLine("log_type all");
        config.AppendLine("log_timestamp true");
        config.AppendLine("connection_messages true");
        config.AppendLine("persistence false");
        // Started as root (as CI is), Mosquitto would switch to the 'mosquitto' user and lose access to this folder.
        config.AppendLine("user root");
        if (Options.Tls is { } tls)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"cafile {tls.CaPath}");
            config.AppendLine(CultureInfo.InvariantCulture, $"certfile {tls.ServerCertificatePath}");
            config.AppendLine(CultureInfo.InvariantCulture, $"keyfile {tls.ServerKeyPath}");
            config.AppendLine(CultureInfo.InvariantCulture, $"require_certificate {(Options.RequireClientCertificate ? "true" : "false")}");
        }

        if (Options.Credentials is { } credentials)
        {
            var passwordFile = Path.Combine(Directory, "passwords");
            await RunPasswdAsync(passwordFile, credentials.User, credentials.Password);
            config.AppendLine(CultureInfo.InvariantCulture, $"password_file {passwordFile}");
            config.AppendLine("allow_anonymous false");
        }
        else
        {
            config.AppendLine("allow_anonymous true");
        }

        await File.WriteAllTextAsync(_configPath, config.ToString());
    }

    private static async Task RunPasswdAsync(string file, string user, string password)
    {
        var psi = new ProcessStartInfo("mosquitto_passwd") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-b", "-c", file, user, password })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start mosquitto_passwd");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_passwd failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }

    private async Task StartProcessAsync()
    {
        var process = ChildProcess.Start(Executable, ["-c", _configPath], Directory);
        _process = process;
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Mosquitto exited with code {process.ExitCode} at start. Output:\n{process.Output}\nLog:\n{Log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
