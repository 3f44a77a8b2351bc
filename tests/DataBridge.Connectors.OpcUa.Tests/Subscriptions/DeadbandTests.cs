using DataBridge.Testing.OpcUa;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.OpcUa.Tests.Subscriptions;

public sealed class DeadbandTests
{
    // The peer's sequence after the initial 0: 0.5 0.9 1.5 2.0 2.4 2.6 5.0 5.5 4.2 (Pct: the same × 10, EURange 0..100).
    [Fact]
    public async Task Absolute_and_percent_deadbands_report_only_changes_beyond_the_band()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1 });
        await using var session = await SubscriptionTestSession.StartAsync(peer);
        await session.SubscribeAsync(
            session.Item("Deadband.Abs", 1) with { Deadband = DeadbandType.Absolute, DeadbandValue = 1.0 },
            session.Item("Deadband.Pct", 2) with { Deadband = DeadbandType.Percent, DeadbandValue = 10 },
            session.Item("Deadband.Abs", 3));
        await Eventually.WaitUntilAsync(() => session.Consumer.ItemsSeen == 3, TimeSpan.FromSeconds(10), "initial values");

        await peer.StartDeadbandSequenceAsync();
        await peer.WaitForLineAsync("DEADBAND-DONE", TimeSpan.FromSeconds(10));
        await Eventually.WaitUntilAsync(() => session.Consumer.Values(3).Length == 10, TimeSpan.FromSeconds(5), "the unfiltered item's 10 values");

        // |v - last reported| > 1.0: 0 → 1.5 → 2.6 → 5.0; percent: 10 % of 0..100 = 10 units on the ×10 values.
        Assert.Equal([0, 1, 2, 5], session.Consumer.Values(1));
        Assert.Equal([0, 15, 26, 50], session.Consumer.Values(2));
        Assert.Equal(10, session.Consumer.Values(3).Length);
    }
}
