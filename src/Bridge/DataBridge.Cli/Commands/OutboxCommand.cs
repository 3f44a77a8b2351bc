using System.CommandLine;
using DataBridge.Bridge.Outbox;

namespace DataBridge.Cli.Commands;

/// <summary><c>databridge outbox inspect &lt;dir&gt;</c>: a read-only report of an outbox directory.</summary>
internal static class OutboxCommand
{
    /// <summary>Builds the <c>outbox</c> command and its subcommands.</summary>
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "The outbox directory (outbox.directory in the bridge configuration)." };
        var maxRecord = new Option<int>("--max-record-bytes") { Description = "Largest frame to accept while scanning.", DefaultValueFactory = _ => 16 << 20 };
        var inspect = new Command("inspect", "Show segments, record counts, committed positions per sink, first/last sequence per source and known gaps, without changing anything.");
        inspect.Arguments.Add(dir);
        inspect.Options.Add(maxRecord);
        inspect.SetAction((parseResult, cancellationToken) =>
        {
            var directory = parseResult.GetValue(dir)!;
            if (!directory.Exists)
            {
                Console.Error.WriteLine($"error: no outbox directory at '{directory.FullName}'. Pass the bridge's outbox.directory.");
                return Task.FromResult(2);
            }

            var inspection = OutboxInspector.Inspect(directory.FullName, parseResult.GetValue(maxRecord));
            inspection.WriteTo(Console.Out);
            return Task.FromResult(0);
        });

        var outbox = new Command("outbox", "Work with the durable outbox on disk.");
        outbox.Subcommands.Add(inspect);
        return outbox;
    }
}
