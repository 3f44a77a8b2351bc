using DataBridge.Testing.OpcUa;
using System.Diagnostics;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Testing.Support;
using Xunit.Abstractions;

namespace DataBridge.Connectors.OpcUa.Tests.Subscriptions;

public sealed class ManyItemsTests(ITestOutputHelper output)
{
    private const int Items = 5000;
    private const int Rounds = 10;

    [Fact]
    public async Task Every_change_of_5000_items_sampled_at_100ms_reaches_the_consumer_once_and_in_order()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = Items, Rounds = Rounds, RoundIntervalMs = 500, MaxItemsPerCall = 1000 });
        await using var session = await SubscriptionTestSession.StartAsync(peer);
        var clock = Stopwatch.StartNew();
        var items = new MonitoredItemDefinition[Items];
        for (var i = 0; i < Items; i++)
        {
            items[i] = session.Item($"Counter.{i}", (uint)i);
        }

        await session.SubscribeAsync(items);
        output.WriteLine($"{Items} items created in {clock.ElapsedMilliseconds} ms");
        await Eventually.WaitUntilAsync(() => session.Consumer.AllReached(Items, 0), TimeSpan.FromSeconds(20), "every item's initial value");

        clock.Restart();
        await peer.StartCountersAsync();
        var done = await peer.WaitForLineAsync("COUNTERS-DONE", TimeSpan.FromSeconds(40));
        var serverChanges = int.Parse(done.Split("changes=")[1], System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.WaitUntilAsync(() => session.Consumer.AllReached(Items, Rounds), TimeSpan.FromSeconds(20), "every item's last value");
        output.WriteLine($"{serverChanges} changes delivered in {clock.ElapsedMilliseconds} ms; {session.Engine.PublishRequestsSent} Publish requests, target {session.Engine.TargetPublishRequests}, {session.Engine.RepublishedCount} republished");

        Assert.Equal(Items * Rounds, serverChanges);
        var expected = new ulong[Rounds + 1];
        for (var r = 0; r <= Rounds; r++)
        {
            expected[r] = (ulong)r;
        }

        var delivered = 0;
        for (var h = 0u; h < Items; h++)
        {
            var values = session.Consumer.Values(h);
            Assert.True(expected.AsSpan().SequenceEqual(values), $"item {h} saw {string.Join(',', values)}");
            delivered += values.Length - 1;
        }

        Assert.Equal(serverChanges, delivered);
        Assert.Equal(0, session.Engine.GapsReported);
    }
}
