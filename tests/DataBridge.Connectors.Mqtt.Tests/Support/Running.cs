using DataBridge.Connectors.Mqtt.Transport;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.Mqtt.Tests.Support;

/// <summary>Runs a source's loop for the length of a test and stops it (with a deadline) on dispose.</summary>
internal sealed class Running : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private Running(Func<CancellationToken, Task> run) => _loop = Task.Run(() => run(_stop.Token));

    public static async Task<Running> StartAsync(Func<CancellationToken, Task> run, MqttSubscriber subscriber)
    {
        var running = new Running(run);
        await Eventually.WaitUntilAsync(() => subscriber.ConnectionCount >= 1 || running._loop.IsCompleted, Deadline, $"the connector to subscribe (last error: {subscriber.LastError?.Message})");
        if (running._loop.IsFaulted)
        {
            await running._loop;
        }

        return running;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(Deadline);
        _stop.Dispose();
    }
}
