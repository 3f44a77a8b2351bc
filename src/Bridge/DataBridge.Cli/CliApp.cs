using System.CommandLine;
using DataBridge.Cli.Commands;

namespace DataBridge.Cli;

/// <summary>Builds the <c>databridge</c> command tree; each subcommand lives in its own file under <c>Commands/</c>.</summary>
internal static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("DataBridge: reads OPC UA and Modbus on the shop floor and pushes Avro records one way to Kafka.");
        root.Subcommands.Add(Commands.RunCommand.Create());
        root.Subcommands.Add(Commands.ValidateCommand.Create());
        root.Subcommands.Add(Commands.DemoCommand.Create());
        root.Subcommands.Add(Commands.BrowseCommand.Create());
        root.Subcommands.Add(DevKafkaCommand.Create());
        root.Subcommands.Add(OutboxCommand.Create());
        root.Subcommands.Add(Commands.KpiCommand.Create());
        root.Subcommands.Add(CertsCommand.Create());
        return root;
    }

    /// <summary>
    /// Runs the command line. Ctrl+C / SIGTERM cancel the command's token; a clean stop (flush the outbox's last
    /// commit, forward what is on disk, write the stop event) may take a few seconds, so the default 2 s grace
    /// before a forced exit is raised to 30 s. A failure no command foresaw becomes one line on standard error and
    /// exit code <see cref="ExitCodes.Failed"/>; the stack trace only with <c>--log-level Debug</c> (or Trace).
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var error = Console.Error;
        try
        {
            return await BuildRoot().Parse(args).InvokeAsync(new InvocationConfiguration
            {
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
                EnableDefaultExceptionHandler = false,
            }).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The top level turns every failure into one line and an exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            if (WantsStackTrace(args))
            {
                await error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }
            else
            {
                await error.WriteLineAsync("(run again with --log-level Debug for the stack trace)").ConfigureAwait(false);
            }

            return ExitCodes.Failed;
        }
    }

    private static bool WantsStackTrace(string[] args)
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--log-level" && (args[i + 1].Equals("Debug", StringComparison.OrdinalIgnoreCase) || args[i + 1].Equals("Trace", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
