using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Integration.Tests.Support;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests;

/// <summary>
/// The fault-injection proxy itself, checked with the in-tree OPC UA client against node-opcua before the fault
/// tests trust it: it forwards a session, a cut resets it, a pause refuses connections, and a dropped
/// PublishResponse leaves the channel valid (renumbered) with a hole the client's Republish fills.
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed class UaTcpProxyTests
{
    private const uint TickerHandle = 1;

    [Fact]
    public async Task Proxy_forwards_a_session_resets_it_on_a_cut_and_refuses_connections_while_paused()
    {
        await using var server = await OpcUaFaultServer.StartAsync();
        await using var proxy = UaTcpProxy.Start(server.Port);
        var url = proxy.EndpointUrlFor(server.EndpointUrl);

        await using (var client = await OpcUaClient.ConnectAsync(url))
        {
            var value = await client.ReadValueAsync(client.ResolveNodeId(OpcUaFaultServer.TickerNode));
            Assert.True(value.Status.IsGood, value.Status.ToString());
            Assert.Equal(1, proxy.ActiveConnections);

            proxy.CutAllConnections();
            await Eventually.WaitUntilAsync(() => !client.IsConnected, TimeSpan.FromSeconds(10), "the client to notice the reset");
            await Eventually.WaitUntilAsync(() => proxy.ActiveConnections == 0, TimeSpan.FromSeconds(5), "the proxy to forget the connection");
        }

        proxy.Pause();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await Assert.ThrowsAnyAsync<Exception>(async () => await (await OpcUaClient.ConnectAsync(url, cancellationToken: cts.Token)).DisposeAsync());
        }

        Assert.True(proxy.RefusedConnections >= 1);
        var acceptedBefore = proxy.AcceptedConnections;

        proxy.Resume();
        await using (var again = await OpcUaClient.ConnectAsync(url))
        {
            Assert.True(again.IsConnected);
            Assert.Equal(acceptedBefore + 1, proxy.AcceptedConnections);
        }

        Assert.Null(proxy.ProtocolError);
    }

    [Fact]
    public async Task A_dropped_publish_response_keeps_the_channel_valid_and_republish_fills_the_hole()
    {
        await using var server = await OpcUaFaultServer.StartAsync(tickerIntervalMs: 100);
        await using var proxy = UaTcpProxy.Start(server.Port);
        await using var client = await OpcUaClient.ConnectAsync(proxy.EndpointUrlFor(server.EndpointUrl));
        var batches = new List<SubscriptionNotificationBatch>();
        var gate = new Lock();
        await using var engine = new SubscriptionEngine(client, (batch, _) =>
        {
            lock (gate)
            {
                batches.Add(batch);
            }

            return ValueTask.CompletedTask;
        });
        var subscription = await engine.CreateSubscriptionAsync(new SubscriptionSettings { PublishingInterval = TimeSpan.FromMilliseconds(100) });
        await subscription.CreateMonitoredItemsAsync([new MonitoredItemDefinition
        {
            NodeId = client.ResolveNodeId(OpcUaFaultServer.TickerNode),
            ClientHandle = TickerHandle,
            SamplingInterval = TimeSpan.FromMilliseconds(50),
            QueueSize = 100,
        }]);
        SubscriptionNotificationBatch[] Snapshot()
        {
            lock (gate)
            {
                return [.. batches];
            }
        }

        await Eventually.WaitUntilAsync(() => Snapshot().Length >= 3, TimeSpan.FromSeconds(10), "three notification messages");
        var dropped = await proxy.DropNextPublishResponse().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(subscription.Id, dropped.SubscriptionId);

        await Eventually.WaitUntilAsync(() => Snapshot().Any(b => b.SequenceNumber > dropped.SequenceNumber + 5), TimeSpan.FromSeconds(15), "messages after the dropped one");
        var story = Snapshot();
        var text = string.Join(' ', story.Select(b => $"{b.SequenceNumber}{(b.Republished ? "r" : string.Empty)}{(b.Gap is null ? string.Empty : "gap")}"));
        var repaired = Assert.Single(story, b => b.SequenceNumber == dropped.SequenceNumber);
        Assert.True(repaired.Republished, text);
        Assert.Equal(0, engine.GapsReported);
        Assert.True(engine.RepublishedCount >= 1, text);

        // The channel survived: no reconnect, and the messages are in order without a duplicate.
        Assert.True(client.IsConnected, client.ConnectionError?.Message);
        Assert.Equal(1, proxy.AcceptedConnections);
        var sequences = story.Select(b => b.SequenceNumber).ToArray();
        Assert.True(sequences.Zip(sequences.Skip(1)).All(p => p.Second == p.First + 1), text);

        // Every tick the server made between the first and the last value arrived once, in order.
        var ticks = story.SelectMany(b => b.Notifications).Where(n => n.ClientHandle == TickerHandle).Select(n => (long)n.Sample.Value.AsDouble()).ToArray();
        Assert.True(ticks.Zip(ticks.Skip(1)).All(p => p.Second == p.First + 1), string.Join(',', ticks));
        Assert.Null(proxy.ProtocolError);
    }
}
