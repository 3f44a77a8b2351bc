using DataBridge.Connectors.OpcUa.Managed;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Core;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.OpcUa.Tests.Managed;

/// <summary>The managed client against a real node-opcua server: values by handle, missing nodes, a server restart.</summary>
public sealed class ManagedOpcUaClientTests
{
    private const string Ns = "urn:databridge:test:subs";

    private static readonly ManagedOpcUaClientOptions Fast = ManagedOpcUaClientOptions.Default with
    {
        Name = "test",
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        Subscription = SubscriptionSettings.Default with { PublishingInterval = TimeSpan.FromMilliseconds(100) },
    };

    private static ManagedMonitoredItem Item(string nodeId) => new() { Address = new OpcUaNodeAddress { NodeId = nodeId } };

    [Fact]
    public async Task Values_arrive_by_client_handle_and_items_the_server_refuses_or_lacks_are_handed_over_as_unavailable()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 100 });
        var handler = new RecordingHandler();
        using var client = new ManagedOpcUaClient(peer.EndpointUrl, [Item($"nsu={Ns};s=Ticker"), Item($"nsu={Ns};s=No.Such.Node"), Item("nsu=urn:no-such-namespace;s=X")], handler, Fast);
        IReadOnlyList<OpcUaNodeResolution>? resolved = null;
        var states = new List<OpcUaConnectionStateChangedEventArgs>();
        client.NodesResolved += (_, e) => resolved = e.Resolutions;
        client.StateChanged += (_, e) =>
        {
            lock (states)
            {
                states.Add(e);
            }
        };
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);

        await Eventually.WaitUntilAsync(() => handler.ValuesOf(0) >= 3, TimeSpan.FromSeconds(30), "ticker values");
        Assert.True(client.IsConnected);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, handler.ValuesOf(1));
        Assert.Equal(0, handler.ValuesOf(2));

        // A node id in a known namespace resolves; the server then refuses the item. An unknown namespace does not resolve.
        var unavailable = handler.Unavailable.OrderBy(u => u.ClientHandle).ToArray();
        Assert.Equal(2, unavailable.Length);
        Assert.Equal((1u, StatusCodes.BadNodeIdUnknown, true), (unavailable[0].ClientHandle, unavailable[0].Status.Code, unavailable[0].Refused));
        Assert.Equal((2u, StatusCodes.BadNodeIdUnknown, false), (unavailable[1].ClientHandle, unavailable[1].Status.Code, unavailable[1].Refused));
        Assert.NotNull(resolved);
        Assert.True(resolved[0].IsResolved);
        Assert.True(resolved[1].IsResolved);
        Assert.Contains("urn:no-such-namespace", resolved[2].Problem, StringComparison.Ordinal);
        var connected = Assert.Single(states, s => s.State == OpcUaConnectionState.Connected);
        Assert.Equal(OpcUaSessionOutcome.Created, connected.Outcome);

        // Statuses of a new subscription come before its first value.
        var entries = handler.Entries;
        Assert.True(Array.IndexOf(entries, "unavailable:1") < Array.IndexOf(entries, "value:0"), string.Join(",", entries));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task A_restarted_server_hands_over_a_subscription_lost_gap_before_the_values_of_the_recreated_subscription()
    {
        var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 100 });
        var port = peer.Port;
        var handler = new RecordingHandler();
        using var client = new ManagedOpcUaClient(peer.EndpointUrl, [Item($"nsu={Ns};s=Ticker")], handler, Fast);
        var outcomes = new List<OpcUaSessionOutcome>();
        client.StateChanged += (_, e) =>
        {
            lock (outcomes)
            {
                outcomes.Add(e.Outcome);
            }
        };
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);
        try
        {
            await Eventually.WaitUntilAsync(() => handler.ValuesOf(0) >= 3, TimeSpan.FromSeconds(30), "values before the restart");
            peer.Kill();
            await peer.DisposeAsync();
            var before = handler.ValuesOf(0);
            peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 100, Port = port });

            await Eventually.WaitUntilAsync(() => handler.Gaps.Length >= 1 && handler.ValuesOf(0) >= before + 3, TimeSpan.FromSeconds(30), "a gap and new values");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(15));
            await peer.DisposeAsync();
        }

        var gap = Assert.Single(handler.Gaps);
        Assert.Equal(OpcUaGapReason.SubscriptionLost, gap.Reason);
        Assert.Equal(1, gap.Messages);
        Assert.Equal(1, client.Recreations);
        Assert.True(client.Reconnects >= 1);
        lock (outcomes)
        {
            Assert.Equal(OpcUaSessionOutcome.Created, outcomes.First(o => o != OpcUaSessionOutcome.None));
            Assert.Equal(OpcUaSessionOutcome.Recreated, outcomes.Last(o => o != OpcUaSessionOutcome.None));
        }

        // The gap sits between the old subscription's values and the new one's.
        var entries = handler.Entries;
        var at = Array.IndexOf(entries, "gap:SubscriptionLost");
        Assert.Contains("value:0", entries[..at]);
        Assert.Contains("value:0", entries[(at + 1)..]);
    }
}
