using System.CommandLine;
using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Cli.Hosting;
using DataBridge.Simulators.Modbus;
using Microsoft.Extensions.Logging;

namespace DataBridge.Cli.Commands;

/// <summary>
/// <c>databridge demo</c>: everything on embedded defaults — three simulated presses (Modbus TCP on loopback), an
/// in-process Kafka (librdkafka's mock cluster, or the real Kafka named by KAFKA_BOOTSTRAP), the bridge on
/// samples/demo/demo.yaml, and a console that shows what arrives in Kafka until Ctrl+C.
/// </summary>
internal static class DemoCommand
{
    public const string DemoConfigResource = "DataBridge.Cli.demo.yaml";

    public static Command Create()
    {
        var duration = new Option<int>("--duration") { Description = "Stop after this many seconds (0: run until Ctrl+C).", DefaultValueFactory = _ => 0 };
        var stateDir = new Option<DirectoryInfo?>("--state-dir") { Description = "Where the bridge keeps its sequence numbers (default: a fresh temporary folder)." };
        var level = new Option<LogLevel>("--log-level") { Description = "Minimum log level of the bridge's own log.", DefaultValueFactory = _ => LogLevel.Warning };
        var command = new Command("demo", "Run simulators, an in-memory Kafka and the bridge, and show the values flowing.");
        command.Options.Add(duration);
        command.Options.Add(stateDir);
        command.Options.Add(level);
        command.SetAction(async (parseResult, ct) =>
        {
            var seconds = parseResult.GetValue(duration);
            using var timeout = seconds > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds)) : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            var state = parseResult.GetValue(stateDir)?.FullName ?? Path.Combine(Path.GetTempPath(), "databridge-demo-" + Environment.ProcessId);
            using var loggers = ConsoleLogging.Create(parseResult.GetValue(level));
            return await RunAsync(parseResult.InvocationConfiguration.Output, state, loggers, linked.Token).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(TextWriter output, string stateDirectory, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var external = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP");
        using var cluster = string.IsNullOrWhiteSpace(external) ? KafkaMockCluster.Start(3) : null;
        var bootstrap = cluster?.BootstrapServers ?? external!;
        await output.WriteLineAsync($"Kafka: {(cluster is null ? "external" : "in-memory mock cluster (3 brokers)")} at {bootstrap}").ConfigureAwait(false);

        var simulators = new List<ModbusSimulator>();
        try
        {
            for (var i = 1; i <= 3; i++)
            {
                var sim = new ModbusSimulator(new ModbusSimulatorOptions { Port = 0, Machines = 1, Seed = 40 + i });
                simulators.Add(sim);
                sim.Start();
                Environment.SetEnvironmentVariable($"DEMO_PORT_{i}", sim.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await output.WriteLineAsync($"Modbus simulator press{i}: 127.0.0.1:{sim.Port}").ConfigureAwait(false);
            }

            Environment.SetEnvironmentVariable("KAFKA_BOOTSTRAP", bootstrap);
            Environment.SetEnvironmentVariable("DEMO_STATE_DIR", stateDirectory);
            var config = ConfigurationLoader.Parse(ReadEmbeddedConfig(), "samples/demo/demo.yaml");
            await output.WriteLineAsync($"Bridge '{config.BridgeId}': {config.Sources.Count} sources, state in {stateDirectory}").ConfigureAwait(false);

            if (cluster is not null)
            {
                // The mock cluster has no controller for CreateTopics; its own API creates them.
                var topics = config.Kafka.Topics;
                foreach (var topic in new[] { topics.Values, topics.Metadata, topics.Gaps, topics.Events })
                {
                    cluster.CreateTopic(topic, KafkaMockCluster.DefaultPartitions);
                }
            }

            await using var host = await BridgeRunner.StartAsync(config, loggers, cancellationToken, createTopics: cluster is null).ConfigureAwait(false);
            using var console = new DemoConsole(output, bootstrap, config.Kafka.Topics.Values, host.Statistics);
            var bridge = host.RunAsync(cancellationToken);
            var view = console.RunAsync(cancellationToken);
            await output.WriteLineAsync("Values are flowing; press Ctrl+C to stop.").ConfigureAwait(false);
            await bridge.ConfigureAwait(false);
            await view.ConfigureAwait(false);
            await console.StopAsync(host.Statistics.Records, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            await output.WriteLineAsync($"Stopped. {host.Statistics.Records} records delivered to Kafka, {console.Consumed} read back.").ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            foreach (var sim in simulators)
            {
                await sim.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static string ReadEmbeddedConfig()
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream(DemoConfigResource)
            ?? throw new InvalidOperationException($"The embedded demo configuration {DemoConfigResource} is missing from this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
