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
    /// before a forced exit is raised to 30 s.
    /// </summary>
    public static Task<int> RunAsync(string[] args) =>
        BuildRoot().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
}
