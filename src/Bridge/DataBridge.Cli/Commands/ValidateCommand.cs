using System.CommandLine;
using System.Globalization;
using DataBridge.Bridge.Configuration;
using DataBridge.Configuration;

namespace DataBridge.Cli.Commands;

/// <summary>
/// <c>databridge validate [--online] &lt;config.yaml&gt;</c>: loads a configuration exactly as <c>run</c> would, prints every
/// error and warning as <c>file:line:column: message</c> and a one-line summary. With <c>--online</c> it then connects
/// to every source and reports tags the server does not have or cannot deliver (see <see cref="ValidateOnline"/>).
/// Exit code 0 when valid, 1 on errors (offline or online), 2 when the file is missing or unreadable.
/// </summary>
public static class ValidateCommand
{
    /// <summary>Exit code for a valid configuration (warnings allowed).</summary>
    public const int ExitValid = 0;

    /// <summary>Exit code when the configuration has errors.</summary>
    public const int ExitInvalid = 1;

    /// <summary>Exit code when the file is missing or cannot be read.</summary>
    public const int ExitUnreadable = 2;

    /// <summary>Builds the <c>validate</c> subcommand.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("config") { Description = "The YAML configuration file to check." };
        var online = new Option<bool>("--online") { Description = "Also connect to every source: OPC UA nodes must exist and have a data type the bridge carries; Modbus devices must accept a connection (read-only)." };
        var timeout = new Option<int>("--timeout") { Description = "With --online: seconds to wait for each source to connect", DefaultValueFactory = _ => 10 };
        var command = new Command("validate", "Check a configuration file and print every problem with file:line:column.");
        command.Arguments.Add(file);
        command.Options.Add(online);
        command.Options.Add(timeout);
        command.SetAction(async (parseResult, ct) =>
        {
            var path = parseResult.GetValue(file)!.ToString();
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (!parseResult.GetValue(online))
            {
                return Run(path, output, error);
            }

            var connect = TimeSpan.FromSeconds(Math.Clamp(parseResult.GetValue(timeout), 1, 600));
            return await ValidateOnline.RunAsync(path, connect, output, error, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Loads <paramref name="path"/> and prints the offline result; the configuration when it is valid.</summary>
    internal static (int ExitCode, BridgeConfiguration? Configuration) Check(string path, TextWriter output, TextWriter error)
    {
        BridgeConfiguration? loaded = null;
        var code = Run(path, output, error, c => loaded = c);
        return (code, loaded);
    }

    /// <summary>Validates <paramref name="path"/>, writing diagnostics and the summary; returns the exit code.</summary>
    internal static int Run(string path, TextWriter output, TextWriter error, Action<BridgeConfiguration>? loaded = null)
    {
        try
        {
            var config = ConfigurationLoader.Load(path);
            loaded?.Invoke(config);
            foreach (var w in config.Warnings)
            {
                output.WriteLine(w.ToString());
            }

            var tags = 0;
            var groups = 0;
            foreach (var s in config.Sources)
            {
                tags += s.Tags.Count;
                groups += s is ModbusSourceDefinition m ? m.PollGroups.Count : 0;
            }

            var warnings = config.Warnings.Count == 0 ? string.Empty : $" ({Count(config.Warnings.Count, "warning")})";
            output.WriteLine($"{path}: OK — {Count(config.Sources.Count, "source")}, {Count(tags, "tag")}, {Count(groups, "poll group")}{warnings}");
            return ExitValid;
        }
        catch (ConfigurationException ex)
        {
            var errors = 0;
            foreach (var e in ex.Errors)
            {
                output.WriteLine(e.ToString());
                errors += e.Severity == ConfigurationSeverity.Error ? 1 : 0;
            }

            var warnings = ex.Errors.Count - errors;
            output.WriteLine(warnings == 0
                ? $"{path}: {Count(errors, "error")}"
                : $"{path}: {Count(errors, "error")}, {Count(warnings, "warning")}");
            return ExitInvalid;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(ex is FileNotFoundException ? ex.Message : $"{path}: cannot read the file: {ex.Message}");
            return ExitUnreadable;
        }
    }

    internal static string Count(int n, string noun) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");
}
