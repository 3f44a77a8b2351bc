using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Testing.OpcUa;

namespace DataBridge.Connectors.OpcUa.Tests.Security;

/// <summary>What every secured connection must be able to do: browse, read, subscribe.</summary>
internal static class SecureSessionChecks
{
    public static async Task BrowseReadAndSubscribeAsync(OpcUaClient client)
    {
        var references = await client.BrowseAsync(client.ResolveNodeId($"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Line1.Press07"));
        Assert.Contains(references, r => r.BrowseName.Name == "Temperature");

        var temperature = await client.ReadValueAsync(client.ResolveNodeId($"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Line1.Press07.Temperature"));
        Assert.True(temperature.Status.IsGood, temperature.Status.Name);
        Assert.Equal(182.5, temperature.Value.GetDouble());

        var batches = new BatchCollector();
        await using var engine = new SubscriptionEngine(client, batches.OnBatchAsync);
        var subscription = await engine.CreateSubscriptionAsync(new SubscriptionSettings { PublishingInterval = TimeSpan.FromMilliseconds(100), MaxKeepAliveCount = 10, LifetimeCount = 100 });
        var states = await subscription.CreateMonitoredItemsAsync([BatchCollector.CurrentTime(7)]);
        Assert.True(states[0].Status.IsGood, states[0].Status.Name);
        await batches.WaitForNotificationsAsync(3, TimeSpan.FromSeconds(20));
        Assert.All(batches.Snapshot(), b => Assert.Null(b.Gap));
    }
}

/// <summary>Collects batches of a subscription and lets a test await a count with a deadline.</summary>
internal sealed class BatchCollector
{
    private readonly Lock _gate = new();
    private readonly List<SubscriptionNotificationBatch> _batches = [];
    private int _notifications;

    public int Notifications => Volatile.Read(ref _notifications);

    /// <summary>Server_ServerStatus_CurrentTime (i=2258): changes every time it is sampled, so values keep flowing.</summary>
    public static MonitoredItemDefinition CurrentTime(uint handle) => new()
    {
        NodeId = new NodeId(2258u),
        ClientHandle = handle,
        SamplingInterval = TimeSpan.FromMilliseconds(100),
    };

    public ValueTask OnBatchAsync(SubscriptionNotificationBatch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _batches.Add(batch);
            _notifications += batch.Notifications.Count;
        }

        return ValueTask.CompletedTask;
    }

    public SubscriptionNotificationBatch[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _batches];
        }
    }

    public async Task WaitForNotificationsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Notifications < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {Notifications} of {count} notifications within {timeout.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
