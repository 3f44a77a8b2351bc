using DataBridge.Testing.OpcUa;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Core;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.OpcUa.Tests.Subscriptions;

public sealed class TransferTests
{
    private const uint Ticker = 7;

    [Fact]
    public async Task TransferSubscriptions_moves_a_subscription_to_a_new_session_and_names_the_ones_the_server_lost()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1 });
        var consumer = new RecordingConsumer();
        await using var first = await SubscriptionTestSession.StartAsync(peer, consumer: consumer);
        var subscription = await first.SubscribeAsync(first.Item("Ticker", Ticker));
        await Eventually.WaitUntilAsync(() => consumer.Values(Ticker).Length >= 3, TimeSpan.FromSeconds(10), "ticker values on the first session");

        // The first engine stops as it would when its connection is lost; the subscription stays on the server.
        await first.Engine.DisposeAsync();
        var seenBefore = consumer.Values(Ticker).Length;

        await using var client = await OpcUaClient.ConnectAsync(peer.EndpointUrl);
        await using var engine = new SubscriptionEngine(client, consumer.OnBatchAsync);
        var unknown = new OpcUaSubscription(first.Engine, 4_242_424, SubscriptionSettings.Default, TimeSpan.FromSeconds(1), 60, 10);
        var result = await engine.TransferSubscriptionsAsync([subscription, unknown]);

        Assert.True(result.Transferred.Count == 1 && result.Transferred[0].Id == subscription.Id, $"lost: {string.Join(", ", result.Lost)}");
        var lost = Assert.Single(result.Lost);
        Assert.Equal(4_242_424u, lost.SubscriptionId);
        Assert.Equal(StatusCodes.BadSubscriptionIdInvalid, lost.Status.SubCode);

        await Eventually.WaitUntilAsync(() => consumer.Values(Ticker).Length >= seenBefore + 5, TimeSpan.FromSeconds(10), "ticker values on the new session");
        var values = consumer.Values(Ticker);
        for (var i = 1; i < values.Length; i++)
        {
            // sendInitialValues repeats the current value once; otherwise every tick arrives once, in order.
            Assert.True(values[i] - values[i - 1] <= 1 && values[i] >= values[i - 1], $"ticker values: {string.Join(',', values)}");
        }

        Assert.Equal(0, engine.GapsReported);
    }
}
