using System.CommandLine;
using DataBridge.DevKafka;

namespace DataBridge.Cli.Commands;

/// <summary><c>databridge dev-kafka</c>: hosts librdkafka's mock Kafka cluster on 127.0.0.1 until Ctrl+C.</summary>
public static class DevKafkaCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var brokers = new Option<int>("--brokers")
        {
            Description = "Number of mock brokers.",
            DefaultValueFactory = _ => 3,
        };
        var port = new Option<int?>("--port")
        {
            Description = "A fixed 127.0.0.1 port to bootstrap from (default: the brokers' random ports).",
        };
        var command = new Command("dev-kafka", "Runs an in-memory Kafka (librdkafka mock cluster) on 127.0.0.1 for development; prints 'bootstrap: 127.0.0.1:PORT' and runs until Ctrl+C.")
        {
            brokers,
            port,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            var brokerCount = parseResult.GetValue(brokers);
            if (brokerCount is < 1 or > 32)
            {
                await Console.Error.WriteLineAsync("--brokers must be between 1 and 32.").ConfigureAwait(false);
                return 2;
            }

            await DevKafkaHost.RunAsync(brokerCount, parseResult.GetValue(port), Console.Out, ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
