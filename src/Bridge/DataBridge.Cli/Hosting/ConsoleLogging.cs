using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace DataBridge.Cli.Hosting;

/// <summary>Structured console logging for the subcommands (one line per entry, UTC timestamps).</summary>
internal static class ConsoleLogging
{
    public static ILoggerFactory Create(LogLevel minimum) => LoggerFactory.Create(b => b
        .SetMinimumLevel(minimum)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        }));
}
