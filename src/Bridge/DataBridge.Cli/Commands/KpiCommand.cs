using System.CommandLine;
using DataBridge.Cli.Hosting;
using DataBridge.Kpi.Dashboard;
using DataBridge.Kpi.Model.Yaml;
using DataBridge.Kpi.Service;
using Microsoft.Extensions.Logging;

namespace DataBridge.Cli.Commands;

/// <summary>
/// <c>databridge kpi --config kpi.yaml --bootstrap host:port [--urls http://127.0.0.1:8080]</c>: the KPI service.
/// Consumes values and gaps from Kafka, publishes KPI records to the KPI topic every publish interval and serves
/// the live dashboard. Exit code 0 on Ctrl+C, 1 when the model is invalid, 2 when it cannot start.
/// </summary>
public static class KpiCommand
{
    /// <summary>Exit code when the KPI model has errors.</summary>
    public const int ExitInvalidModel = 1;

    /// <summary>Exit code when the service cannot start (bad options, address in use).</summary>
    public const int ExitCannotStart = 2;

    /// <summary>Builds the <c>kpi</c> subcommand.</summary>
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The KPI model (YAML): assets, state tags, counters, shift calendars.", Required = true };
        var bootstrap = new Option<string>("--bootstrap") { Description = "Kafka bootstrap servers host:port[,host:port] (default: $KAFKA_BOOTSTRAP)." };
        var urls = new Option<string>("--urls") { Description = "Dashboard address (loopback by default).", DefaultValueFactory = _ => KpiDashboardOptions.DefaultUrl };
        var group = new Option<string>("--group") { Description = "Kafka consumer group shared by all KPI service instances.", DefaultValueFactory = _ => "databridge-kpi" };
        var valuesTopic = new Option<string>("--values-topic") { Description = "Topic of tag values.", DefaultValueFactory = _ => "databridge.values" };
        var gapsTopic = new Option<string>("--gaps-topic") { Description = "Topic of gap records.", DefaultValueFactory = _ => "databridge.gaps" };
        var kpiTopic = new Option<string>("--kpi-topic") { Description = "Topic the KPI records are published to.", DefaultValueFactory = _ => "databridge.kpi" };
        var property = new Option<string[]>("--kafka-property") { Description = "Extra librdkafka property key=value (repeatable), e.g. security.protocol=SASL_SSL.", AllowMultipleArgumentsPerToken = false };
        var level = new Option<LogLevel>("--log-level") { Description = "Minimum log level.", DefaultValueFactory = _ => LogLevel.Information };
        var command = new Command("kpi", "Compute OEE, throughput and downtime from Kafka, publish KPI records and serve the live dashboard.");
        foreach (var o in new Option[] { config, bootstrap, urls, group, valuesTopic, gapsTopic, kpiTopic, property, level })
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in parseResult.GetValue(property) ?? [])
            {
                var eq = p.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    await error.WriteLineAsync($"--kafka-property '{p}' must be key=value.").ConfigureAwait(false);
                    return ExitCannotStart;
                }

                properties[p[..eq]] = p[(eq + 1)..];
            }

            var servers = parseResult.GetValue(bootstrap) ?? Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP") ?? string.Empty;
            var options = new KpiServiceOptions
            {
                BootstrapServers = servers,
                GroupId = parseResult.GetValue(group)!,
                ValuesTopic = parseResult.GetValue(valuesTopic)!,
                GapsTopic = parseResult.GetValue(gapsTopic)!,
                KpiTopic = parseResult.GetValue(kpiTopic)!,
                Properties = properties,
            };
            using var loggers = ConsoleLogging.Create(parseResult.GetValue(level));
            return await RunAsync(parseResult.GetValue(config)!.FullName, options, parseResult.GetValue(urls)!, loggers, output, error, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Loads the model, starts the dashboard and runs the service until cancelled; returns the exit code.</summary>
    internal static async Task<int> RunAsync(string modelPath, KpiServiceOptions options, string url, ILoggerFactory loggers, TextWriter output, TextWriter error, CancellationToken ct)
    {
        Kpi.Model.KpiModel model;
        try
        {
            model = KpiModelLoader.Load(modelPath);
        }
        catch (KpiModelException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitInvalidModel;
        }

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                await error.WriteLineAsync(p).ConfigureAwait(false);
            }

            return ExitCannotStart;
        }

        var hub = KpiSnapshotHub.For(model);
        KpiDashboardServer dashboard;
        try
        {
            dashboard = await KpiDashboardServer.StartAsync(hub, new KpiDashboardOptions { Url = url, StaleAfter = model.PublishInterval * 6 }, loggers, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"Cannot serve the dashboard on {url}: {e.Message}. Choose another address with --urls.").ConfigureAwait(false);
            return ExitCannotStart;
        }

        await using (dashboard.ConfigureAwait(false))
        {
            await output.WriteLineAsync($"KPI model {modelPath}: {model.Assets.Count} assets; Kafka {options.BootstrapServers}, publishing to {options.KpiTopic} every {model.PublishInterval.TotalSeconds:0.#} s").ConfigureAwait(false);
            await output.WriteLineAsync($"Dashboard: {dashboard.Address}").ConfigureAwait(false);
            var service = new KpiService(model, options, hub, loggers);
            await service.RunAsync(ct).ConfigureAwait(false);
        }

        return 0;
    }
}
