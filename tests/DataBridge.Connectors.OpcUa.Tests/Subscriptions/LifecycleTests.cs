using DataBridge.Testing.OpcUa;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Core;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.OpcUa.Tests.Subscriptions;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Items_and_subscriptions_are_created_modified_and_deleted_with_per_item_status()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 30, MaxItemsPerCall = 7 });
        await using var session = await SubscriptionTestSession.StartAsync(peer);
        var subscription = await session.Engine.CreateSubscriptionAsync(new SubscriptionSettings { PublishingInterval = TimeSpan.FromMilliseconds(100), MaxKeepAliveCount = 10, LifetimeCount = 100 });
        var items = new List<MonitoredItemDefinition>();
        for (var i = 0u; i < 30; i++)
        {
            items.Add(session.Item($"Counter.{i}", i));
        }

        items.Add(new MonitoredItemDefinition { NodeId = session.Client.ResolveNodeId($"nsu={SubscriptionPeer.Namespace};s=NoSuchNode"), ClientHandle = 99 });

        // 31 items in batches of the server's MaxMonitoredItemsPerCall (7): one state per item, in order.
        var states = await subscription.CreateMonitoredItemsAsync(items);
        Assert.Equal(31, states.Count);
        Assert.All(states.Take(30), s => Assert.True(s.Status.IsGood && s.MonitoredItemId != 0));
        Assert.Equal(StatusCodes.BadNodeIdUnknown, states[30].Status.SubCode);
        await Eventually.WaitUntilAsync(() => session.Consumer.ItemsSeen == 30, TimeSpan.FromSeconds(10), "30 initial values");

        var deleted = await subscription.DeleteMonitoredItemsAsync([states[0].MonitoredItemId, states[1].MonitoredItemId]);
        Assert.All(deleted, s => Assert.True(s.IsGood));

        await subscription.ModifyAsync(subscription.Settings with { PublishingInterval = TimeSpan.FromMilliseconds(500) });
        Assert.Equal(TimeSpan.FromMilliseconds(500), subscription.RevisedPublishingInterval);

        await subscription.DeleteAsync();
        Assert.DoesNotContain(subscription.Id, session.Engine.SubscriptionIds);
    }

    [Fact]
    public void Notification_values_become_tag_values_for_scalars_and_null_for_arrays()
    {
        Assert.Equal(TagValue.FromUInt32(7), VariantConversion.ToTagValue(new Variant(7u)));
        Assert.Equal(TagValue.FromDouble(2.5), VariantConversion.ToTagValue(new Variant(2.5)));
        Assert.Equal(TagValue.FromBoolean(true), VariantConversion.ToTagValue(new Variant(true)));
        Assert.Equal(TagValue.FromString("x"), VariantConversion.ToTagValue(new Variant("x")));
        Assert.True(VariantConversion.ToTagValue(Variant.FromArray(new[] { 1.0, 2.0 })).IsNull);
        Assert.True(VariantConversion.ToTagValue(Variant.Null).IsNull);
    }
}
