using System.CommandLine;
using DataBridge.Bridge.Configuration;
using DataBridge.DevKafka;
using DataBridge.Cli.Hosting;
using DataBridge.Kpi.Dashboard;
using DataBridge.Kpi.Model;
using DataBridge.Kpi.Model.Yaml;
using DataBridge.Kpi.Service;
using DataBridge.Simulators.Modbus;
using Microsoft.Extensions.Logging;

namespace DataBridge.Cli.Commands;

/// <summary>
/// <c>databridge demo</c>: everything on embedded defaults — three simulated presses (Modbus TCP on loopback), two
/// ovens on a node-opcua server (samples/opcua-plant, skipped with a message when Node.js is missing), an
/// in-process Kafka (librdkafka's mock cluster, or the real Kafka named by KAFKA_BOOTSTRAP), the bridge on
/// samples/demo/demo.yaml, the KPI service with its dashboard, and a console that shows what arrives in Kafka until Ctrl+C.
/// </summary>
internal static class DemoCommand
{
    public const string DemoConfigResource = "DataBridge.Cli.demo.yaml";

    public const string DemoKpiResource = "DataBridge.Cli.demo-kpi.yaml";

    /// <summary>Name of the demo's shift, which starts when the demo's KPI service starts.</summary>
    public const string DemoShiftName = "demo";

    /// <summary>Length of the demo's shift.</summary>
    public static readonly TimeSpan DemoShiftLength = TimeSpan.FromHours(8);

    /// <summary>The variable demo.yaml reads the OPC UA simulator's endpoint from.</summary>
    public const string OpcUaEndpointVariable = "DEMO_OPCUA_ENDPOINT";

    public static Command Create()
    {
        var duration = new Option<int>("--duration") { Description = "Stop after this many seconds (0: run until Ctrl+C).", DefaultValueFactory = _ => 0 };
        var stateDir = new Option<DirectoryInfo?>("--state-dir") { Description = "Where the bridge keeps its sequence numbers (default: a fresh temporary folder)." };
        var dashboard = new Option<string>("--dashboard") { Description = "Address of the KPI dashboard (loopback; a free port is used when this one is taken).", DefaultValueFactory = _ => KpiDashboardOptions.DefaultUrl };
        var level = new Option<LogLevel>("--log-level") { Description = "Minimum log level of the bridge's own log.", DefaultValueFactory = _ => LogLevel.Warning };
        var command = new Command("demo", "Run simulators, an in-memory Kafka and the bridge, and show the values flowing.");
        command.Options.Add(duration);
        command.Options.Add(stateDir);
        command.Options.Add(dashboard);
        command.Options.Add(level);
        command.SetAction(async (parseResult, ct) =>
        {
            var seconds = parseResult.GetValue(duration);
            using var timeout = seconds > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds)) : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            var ownState = parseResult.GetValue(stateDir) is null;
            var state = parseResult.GetValue(stateDir)?.FullName ?? Path.Combine(Path.GetTempPath(), "databridge-demo-" + Environment.ProcessId);
            using var loggers = ConsoleLogging.Create(parseResult.GetValue(level));
            try
            {
                return await RunAsync(parseResult.InvocationConfiguration.Output, state, parseResult.GetValue(dashboard)!, loggers, linked.Token).ConfigureAwait(false);
            }
            finally
            {
                // The demo's temporary state (sequence numbers, outbox) is its own: leave nothing behind in /tmp.
                if (ownState && Directory.Exists(state))
                {
                    Directory.Delete(state, recursive: true);
                }
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(TextWriter output, string stateDirectory, string dashboardUrl, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var external = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP");
        using var cluster = string.IsNullOrWhiteSpace(external) ? KafkaMockCluster.Start(3) : null;
        var bootstrap = cluster?.BootstrapServers ?? external!;
        await output.WriteLineAsync($"Kafka: {(cluster is null ? "external" : "in-memory mock cluster (3 brokers)")} at {bootstrap}").ConfigureAwait(false);

        var simulators = new List<ModbusSimulator>();
        NodeSimulatorProcess? plant = null;
        try
        {
            for (var i = 1; i <= 3; i++)
            {
                var sim = new ModbusSimulator(new ModbusSimulatorOptions { Port = 0, Machines = 1, Seed = 40 + i, FirstNameNumber = i });
                simulators.Add(sim);
                sim.Start();
                Environment.SetEnvironmentVariable($"DEMO_PORT_{i}", sim.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await output.WriteLineAsync($"Modbus simulator press{i}: 127.0.0.1:{sim.Port}").ConfigureAwait(false);
            }

            plant = await DemoOpcUaPlant.TryStartAsync(output, cancellationToken).ConfigureAwait(false);
            if (plant is not null)
            {
                Environment.SetEnvironmentVariable(OpcUaEndpointVariable, plant.EndpointUrl);
            }

            Environment.SetEnvironmentVariable("KAFKA_BOOTSTRAP", bootstrap);
            Environment.SetEnvironmentVariable("DEMO_STATE_DIR", stateDirectory);
            var config = ConfigurationLoader.Parse(ReadEmbeddedConfig(), "samples/demo/demo.yaml");
            if (plant is null)
            {
                config = WithoutOpcUaSources(config);
            }

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

            // The IT side of the demo: the KPI service reads the same Kafka and serves the dashboard.
            // The demo's shift starts once every machine has reported its state, so an executive watching the demo's
            // first minute sees a first minute of shift: not hours of "unknown" since midnight, not a second of it.
            var demoKpi = OnlyAssetsOf(config, KpiModelLoader.Parse(ReadEmbedded(DemoKpiResource), "samples/kpi/demo-kpi.yaml"));
            await console.WaitForTagsAsync(demoKpi.Assets.Select(StateTag), TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            var kpiModel = demoKpi.WithCalendar(ShiftCalendar.StartingAt(DemoShiftName, TimeProvider.System.GetUtcNow().UtcDateTime, DemoShiftLength));
            var hub = KpiSnapshotHub.For(kpiModel);
            await using var board = await StartDashboardAsync(hub, dashboardUrl, kpiModel.PublishInterval * 6, loggers, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"KPI dashboard: {board.Address}").ConfigureAwait(false);
            var kpi = new KpiService(kpiModel, new KpiServiceOptions { BootstrapServers = bootstrap, GroupId = "databridge-demo-kpi-" + Environment.ProcessId }, hub, loggers).RunAsync(cancellationToken);
            var view = console.RunAsync(cancellationToken);
            await output.WriteLineAsync("Values are flowing; press Ctrl+C to stop.").ConfigureAwait(false);
            await bridge.ConfigureAwait(false);
            await view.ConfigureAwait(false);
            await IgnoreCancellation(kpi).ConfigureAwait(false);
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
            if (plant is not null)
            {
                await plant.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var sim in simulators)
            {
                await sim.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<KpiDashboardServer> StartDashboardAsync(KpiSnapshotHub hub, string url, TimeSpan staleAfter, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            return await KpiDashboardServer.StartAsync(hub, new KpiDashboardOptions { Url = url, StaleAfter = staleAfter }, loggers, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The default port is taken (another demo, another service): any free loopback port will do.
            return await KpiDashboardServer.StartAsync(hub, new KpiDashboardOptions { Url = "http://127.0.0.1:0", StaleAfter = staleAfter }, loggers, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The demo configuration without its OPC UA sources, for a machine without Node.js.</summary>
    private static BridgeConfiguration WithoutOpcUaSources(BridgeConfiguration config) => new()
    {
        BridgeId = config.BridgeId,
        StateDirectory = config.StateDirectory,
        Kafka = config.Kafka,
        Outbox = config.Outbox,
        FilePath = config.FilePath,
        Warnings = config.Warnings,
        Sources = config.Sources.Where(s => s is not OpcUaSourceDefinition).ToList(),
    };

    /// <summary>The KPI model restricted to machines the bridge actually reads (the ovens drop out without Node.js).</summary>
    private static KpiModel OnlyAssetsOf(BridgeConfiguration config, KpiModel model)
    {
        var assets = model.Assets.Where(a => config.Sources.Any(s => s.AssetPath == a.AssetPath)).ToList();
        return assets.Count == model.Assets.Count ? model : new KpiModel
        {
            Assets = assets,
            RollingWindow = model.RollingWindow,
            PublishInterval = model.PublishInterval,
            Retention = model.Retention,
        };
    }

    private static string StateTag(AssetModel asset) => asset.State.CodeTag ?? asset.State.RunningTag!;

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string ReadEmbeddedConfig() => ReadEmbedded(DemoConfigResource);

    private static string ReadEmbedded(string name)
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded demo file {name} is missing from this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
