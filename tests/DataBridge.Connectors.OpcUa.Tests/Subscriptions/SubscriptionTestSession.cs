using DataBridge.Testing.OpcUa;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Subscriptions;

namespace DataBridge.Connectors.OpcUa.Tests.Subscriptions;

/// <summary>A client, an engine with a recording consumer, and helpers to monitor the peer's nodes.</summary>
internal sealed class SubscriptionTestSession : IAsyncDisposable
{
    private SubscriptionTestSession(OpcUaClient client, SubscriptionEngine engine, RecordingConsumer consumer)
    {
        Client = client;
        Engine = engine;
        Consumer = consumer;
    }

    public OpcUaClient Client { get; }

    public SubscriptionEngine Engine { get; }

    public RecordingConsumer Consumer { get; }

    public static async Task<SubscriptionTestSession> StartAsync(SubscriptionPeer peer, SubscriptionEngineOptions? options = null, RecordingConsumer? consumer = null)
    {
        var client = await OpcUaClient.ConnectAsync(peer.EndpointUrl);
        consumer ??= new RecordingConsumer();
        var engine = new SubscriptionEngine(client, consumer.OnBatchAsync, options);
        return new SubscriptionTestSession(client, engine, consumer);
    }

    public MonitoredItemDefinition Item(string id, uint handle, TimeSpan? sampling = null) => new()
    {
        NodeId = Client.ResolveNodeId($"nsu={SubscriptionPeer.Namespace};s={id}"),
        ClientHandle = handle,
        SamplingInterval = sampling ?? TimeSpan.FromMilliseconds(100),
    };

    public async Task<OpcUaSubscription> SubscribeAsync(params MonitoredItemDefinition[] items)
    {
        var subscription = await Engine.CreateSubscriptionAsync(new SubscriptionSettings { PublishingInterval = TimeSpan.FromMilliseconds(100), MaxKeepAliveCount = 10, LifetimeCount = 100 });
        var states = await subscription.CreateMonitoredItemsAsync(items);
        foreach (var state in states)
        {
            Assert.True(state.Status.IsGood, $"item {state.ClientHandle}: {state.Status.Name}");
        }

        return subscription;
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Client.DisposeAsync();
    }
}
