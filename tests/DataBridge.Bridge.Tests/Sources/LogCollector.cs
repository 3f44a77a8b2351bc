using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Tests.Sources;

/// <summary>A logger that keeps every formatted line (tests assert on what the operator would read).</summary>
internal sealed class LogCollector : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            _lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }

    public override string ToString() => string.Join('\n', _lines);
}
