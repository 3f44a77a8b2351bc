using System.CommandLine;
using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Hosting;
using DataBridge.Cli.Hosting;
using Microsoft.Extensions.Logging;
using DataBridge.Configuration;

namespace DataBridge.Cli.Commands;

/// <summary><c>databridge run &lt;config.yaml&gt;</c>: runs the edge bridge until Ctrl+C (or SIGTERM).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("config") { Description = "The YAML configuration file." };
        var level = new Option<LogLevel>("--log-level") { Description = "Minimum log level.", DefaultValueFactory = _ => LogLevel.Information };
        var health = new Option<string?>("--health") { Description = "Serve GET /healthz (JSON: counters, outbox fill level) on this loopback address, e.g. http://127.0.0.1:9464/." };
        var command = new Command("run", "Run the bridge: read the configured sources and push their values to Kafka.");
        command.Arguments.Add(file);
        command.Options.Add(level);
        command.Options.Add(health);
        command.SetAction(async (parseResult, ct) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            BridgeConfiguration config;
            try
            {
                config = ConfigurationLoader.Load(parseResult.GetValue(file)!.FullName);
            }
            catch (ConfigurationException ex)
            {
                await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                await error.WriteLineAsync("The bridge did not start. Fix the configuration (`databridge validate` lists every problem) and run it again.").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // FileNotFoundException's message already names the path and where relative paths start.
                await error.WriteLineAsync($"error: {ex.Message} The bridge did not start.").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }

            Uri? healthUrl = null;
            if (parseResult.GetValue(health) is { } healthText)
            {
                var problem = Uri.TryCreate(healthText, UriKind.Absolute, out healthUrl)
                    ? HealthEndpoint.Validate(healthUrl)
                    : $"--health '{healthText}' is not an address; write e.g. http://127.0.0.1:9464/";
                if (problem is not null)
                {
                    await error.WriteLineAsync(problem).ConfigureAwait(false);
                    return ExitCodes.Invalid;
                }
            }

            using var loggers = ConsoleLogging.Create(parseResult.GetValue(level));
            var logger = loggers.CreateLogger("DataBridge.Cli");
            foreach (var w in config.Warnings)
            {
                logger.LogWarning("{Warning}", w.ToString());
            }

            try
            {
                await using var host = await BridgeRunner.StartAsync(config, loggers, ct, healthUrl: healthUrl).ConfigureAwait(false);
                await host.RunAsync(ct).ConfigureAwait(false);
                return 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 0;
            }
#pragma warning disable CA1031 // The top level turns every failure into a message and an exit code.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // The stack trace is for developers: at Debug it is logged with the message, otherwise one line.
                if (parseResult.GetValue(level) <= LogLevel.Debug)
                {
                    logger.LogCritical(ex, "The bridge stopped: {Message}", ex.Message);
                }
                else
                {
                    logger.LogCritical("The bridge stopped: {Message} (--log-level Debug shows the stack trace)", ex.Message);
                }

                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
