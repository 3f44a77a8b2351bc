using DataBridge.Connectors.OpcUa.Managed;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Testing.Support;
using Microsoft.Extensions.Time.Testing;

namespace DataBridge.Connectors.OpcUa.Tests.Managed;

/// <summary>Reconnect backoff and the outage report on a fake clock: when, and how often, an outage is handed over.</summary>
public sealed class ManagedOutageTests
{
    [Fact]
    public async Task An_unreachable_server_is_handed_over_as_one_outage_once_the_subscription_lifetime_has_passed_and_not_before()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var start = time.GetUtcNow();
        var handler = new RecordingHandler(time);

        // Nothing listens on this port: every attempt fails at once with connection refused.
        var endpoint = $"opc.tcp://127.0.0.1:{FreePort.Tcp()}";
        var options = ManagedOpcUaClientOptions.Default with
        {
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
            Subscription = SubscriptionSettings.Default with { PublishingInterval = TimeSpan.FromMilliseconds(100), MaxKeepAliveCount = 10, LifetimeCount = 60 },
        };
        var lifetime = TimeSpan.FromMilliseconds(100 * 60);
        using var client = new ManagedOpcUaClient(endpoint, [new ManagedMonitoredItem { Address = new OpcUaNodeAddress { NodeId = "nsu=urn:x;s=T" } }], handler, options, time);
        var downs = 0;
        client.StateChanged += (_, e) =>
        {
            if (e.State == OpcUaConnectionState.Down)
            {
                Interlocked.Increment(ref downs);
            }
        };
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);

        // Drive the backoff in 100 ms steps until well past the lifetime and a few more attempts after the report.
        var attemptsAfterReport = -1;
        await Eventually.WaitUntilAsync(
            () =>
            {
                if (handler.Entries.Contains("outage") && attemptsAfterReport < 0)
                {
                    attemptsAfterReport = Volatile.Read(ref downs);
                }

                if (attemptsAfterReport >= 0 && Volatile.Read(ref downs) >= attemptsAfterReport + 3)
                {
                    return true;
                }

                time.Advance(TimeSpan.FromMilliseconds(100));
                return false;
            },
            TimeSpan.FromSeconds(60),
            "an outage report and three more attempts",
            TimeSpan.FromMilliseconds(10));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(15));

        // Handed over once the lifetime has passed on the clock, never earlier, and not again on later attempts.
        var outage = Assert.Single(handler.Outages);
        Assert.True(outage.At - start >= lifetime, $"reported after {outage.At - start}");
        Assert.True(outage.DisconnectedFor >= lifetime);
        Assert.Equal(1, handler.Entries.Count(e => e == "outage"));
        Assert.False(client.IsConnected);
        Assert.Contains("cannot connect", client.Problem, StringComparison.Ordinal);
    }
}
