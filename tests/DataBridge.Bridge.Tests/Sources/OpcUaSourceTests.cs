using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Pipeline;
using DataBridge.Bridge.Sources.OpcUa;
using DataBridge.Schemas;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;
using Microsoft.Extensions.Logging;
using DataBridge.Configuration;

namespace DataBridge.Bridge.Tests.Sources;

/// <summary>
/// The bridge's OPC UA source against the node-opcua subscription peer (tests/peers/opcua/subscription-server.js),
/// in process with an in-memory sink: notifications become records, a lost subscription becomes a gap record,
/// unresolvable tags are skipped, heartbeats repeat quiet values.
/// </summary>
public sealed class OpcUaSourceTests : IDisposable
{
    private const string Ns = "nsu=urn:databridge:test:subs;";
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-opcua-source-").FullName;
    private readonly LogCollector _log = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static OpcUaSourceOptions FastOptions => OpcUaSourceOptions.Default with
    {
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        HeartbeatCheckInterval = TimeSpan.FromMilliseconds(100),
    };

    private static OpcUaTagDefinition Tag(string name, string node, TimeSpan? heartbeat = null, uint queueSize = 10) => new()
    {
        QueueSize = queueSize,
        TagId = "acme/plant/area/line1/" + name,
        Name = name,
        AssetPath = "acme/plant/area/line1",
        NodeId = node,
        SamplingInterval = TimeSpan.FromMilliseconds(50),
        Heartbeat = heartbeat,
        Location = new SourceLocation("test.yaml", 1, 1),
    };

    private OpcUaSource Create(string endpoint, CollectingSink sink, params OpcUaTagDefinition[] tags) => Create(endpoint, sink, FastOptions, 30, tags);

    private OpcUaSource Create(string endpoint, CollectingSink sink, OpcUaSourceOptions options, uint lifetimeCount, params OpcUaTagDefinition[] tags)
    {
        var definition = new OpcUaSourceDefinition
        {
            Id = "opc1",
            AssetPath = "acme/plant/area/line1",
            Location = new SourceLocation("test.yaml", 1, 1),
            Tags = tags,
            Endpoint = endpoint,
            PublishingInterval = TimeSpan.FromMilliseconds(100),
            KeepAliveCount = 5,
            LifetimeCount = lifetimeCount,
        };
        var pipeline = new SourcePipeline("opc1", tags, SequenceStore.Open(_dir, "opc1"), sink, TimeProvider.System, new BridgeStatistics(), _log) { BridgeId = "test-edge" };
        return new OpcUaSource(definition, pipeline, TimeProvider.System, _log, options);
    }

    [Fact]
    public async Task Every_ticker_change_becomes_one_record_with_consecutive_sequence_numbers()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 100 });
        var sink = new CollectingSink();
        using var source = Create(peer.EndpointUrl, sink, Tag("ticker", Ns + "s=Ticker"));
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(stop.Token);

        await Eventually.WaitUntilAsync(() => sink.Values.Length >= 20, TimeSpan.FromSeconds(30), "20 ticker records");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(15));

        var ticks = sink.ValuesOf("acme/plant/area/line1/ticker");
        for (var i = 1; i < ticks.Length; i++)
        {
            Assert.True(ticks[i] == ticks[i - 1] + 1, $"ticker went {ticks[i - 1]} -> {ticks[i]}\n{_log}");
        }

        Assert.All(sink.Values, v => Assert.True(v.Quality.IsGood));
        Assert.All(sink.Values, v => Assert.NotEqual(default, v.SourceTimestamp));
        Assert.Empty(sink.Gaps);
        sink.AssertEverySequenceAccountedFor();
    }

    [Fact]
    public async Task A_restarted_server_gets_its_subscription_recreated_after_a_subscription_lost_gap_record()
    {
        var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 100 });
        var port = peer.Port;
        var sink = new CollectingSink();
        using var source = Create(peer.EndpointUrl, sink, Tag("ticker", Ns + "s=Ticker"), Tag("still", Ns + "s=Deadband.Abs"));
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(stop.Token);
        try
        {
            await Eventually.WaitUntilAsync(() => sink.Values.Length >= 5, TimeSpan.FromSeconds(30), "records before the restart");
            peer.Kill();
            await peer.DisposeAsync();
            var before = sink.Values.Length;
            await Task.Delay(TimeSpan.FromSeconds(1));
            peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 100, Port = port });

            await Eventually.WaitUntilAsync(() => sink.Gaps.Length >= 1 && sink.Values.Length >= before + 5, TimeSpan.FromSeconds(30), $"a gap record and new values\n{_log}");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(15));
            await peer.DisposeAsync();
        }

        var gap = Assert.Single(sink.Gaps);
        Assert.Equal(GapReason.SubscriptionLost, gap.Reason);
        Assert.Equal("opc1", gap.SourceId);
        Assert.Equal(gap.FirstSequence, gap.LastSequence);
        Assert.Equal("test-edge", gap.BridgeId);
        Assert.Equal(1, source.Recreations);

        // After the gap the present state is reported again, even for the value that did not change (0.0).
        var afterGap = sink.Values.Where(v => v.Sequence > gap.LastSequence).ToArray();
        Assert.Contains(afterGap, v => v.TagId.EndsWith("/still", StringComparison.Ordinal));
        sink.AssertEverySequenceAccountedFor();
    }

    [Fact]
    public async Task A_tag_whose_node_is_missing_is_logged_with_its_position_and_the_others_flow()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 100 });
        var sink = new CollectingSink();
        var missing = Tag("ghost", Ns + "s=No.Such.Node") ;
        using var source = Create(peer.EndpointUrl, sink, missing, Tag("ticker", Ns + "s=Ticker"));
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(stop.Token);

        await Eventually.WaitUntilAsync(() => sink.Values.Length >= 5, TimeSpan.FromSeconds(30), "ticker records");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(15));

        var ghost = Assert.Single(sink.Values, v => v.TagId.EndsWith("/ghost", StringComparison.Ordinal));
        Assert.Equal("BadNodeIdUnknown", ghost.Quality.Name);
        Assert.True(ghost.Value.IsNull);
        Assert.Contains("tag 'ghost' (test.yaml:1:1, nsu=urn:databridge:test:subs;s=No.Such.Node)", _log.ToString(), StringComparison.Ordinal);
        Assert.Contains("BadNodeIdUnknown", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quiet_tag_with_a_heartbeat_is_reported_again_with_its_original_source_timestamp()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1 });
        var sink = new CollectingSink();
        using var source = Create(peer.EndpointUrl, sink, Tag("still", Ns + "s=Deadband.Abs", heartbeat: TimeSpan.FromMilliseconds(300)));
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(stop.Token);

        await Eventually.WaitUntilAsync(() => sink.Values.Length >= 4, TimeSpan.FromSeconds(30), "the first value and three heartbeats");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(15));

        var values = sink.Values;
        Assert.All(values, v => Assert.Equal(values[0].SourceTimestamp, v.SourceTimestamp));
        Assert.All(values, v => Assert.Equal(0.0, v.Value.AsDouble()));
        sink.AssertEverySequenceAccountedFor();
    }

    [Fact]
    public async Task An_unreachable_server_turns_its_tags_BadNoCommunication_after_the_subscription_lifetime_and_Good_once_it_is_back()
    {
        var port = FreePort.Tcp();
        var sink = new CollectingSink();
        using var source = Create($"opc.tcp://127.0.0.1:{port}/subs", sink, Tag("ticker", Ns + "s=Ticker"), Tag("still", Ns + "s=Deadband.Abs"));
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(stop.Token);
        try
        {
            // Lifetime 30 × 100 ms = 3 s without a connection: both tags Bad, once.
            await Eventually.WaitUntilAsync(() => sink.Values.Length >= 2, TimeSpan.FromSeconds(30), $"BadNoCommunication records\n{_log}");
            Assert.All(sink.Values, v => Assert.Equal("BadNoCommunication", v.Quality.Name));
            Assert.False(source.Health.Connected);

            await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 100, Port = port });
            await Eventually.WaitUntilAsync(() => sink.Values.Count(v => v.Quality.IsGood) >= 5, TimeSpan.FromSeconds(30), $"Good values once the server is up\n{_log}");
            Assert.True(source.Health.Connected);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(15));
        }

        Assert.Equal(2, sink.Values.Count(v => v.Quality.IsBad));
        Assert.Contains(sink.Values, v => v.Quality.IsGood && v.TagId.EndsWith("/still", StringComparison.Ordinal));
        sink.AssertEverySequenceAccountedFor();
    }

    [Fact]
    public async Task When_the_server_dropped_the_session_but_kept_the_subscription_it_is_transferred_and_nothing_is_lost()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 100 });
        await using var proxy = UaTcpProxy.Start(peer.Port);

        // The session dies 2 s after the cut (the server's session timeout), the subscription only after 200 × 100 ms,
        // and the item's queue holds 20 s of ticks: re-activation must fail, TransferSubscriptions must succeed.
        var options = FastOptions with { Client = FastOptions.Client with { SessionTimeout = TimeSpan.FromSeconds(2), KeepAliveInterval = TimeSpan.FromMilliseconds(500) } };
        var sink = new CollectingSink();
        using var source = Create(proxy.EndpointUrlFor(peer.EndpointUrl), sink, options, 200, Tag("ticker", Ns + "s=Ticker", queueSize: 200));
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(stop.Token);
        try
        {
            await Eventually.WaitUntilAsync(() => sink.Values.Length >= 5, TimeSpan.FromSeconds(30), $"ticker records before the cut\n{_log}");
            proxy.Pause();
            proxy.CutAllConnections();
            await Task.Delay(TimeSpan.FromSeconds(5)); // the outage itself: longer than the session timeout, shorter than the lifetime
            var before = sink.Values.Length;
            proxy.Resume();
            await Eventually.WaitUntilAsync(() => source.Transfers >= 1 && sink.Values.Length >= before + 60, TimeSpan.FromSeconds(30), $"a transfer and the ticks of the outage\n{_log}");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(15));
        }

        Assert.Contains("transferred to the new session", _log.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, source.Recreations);
        Assert.Empty(sink.Gaps);
        var ticks = sink.ValuesOf("acme/plant/area/line1/ticker");
        for (var i = 1; i < ticks.Length; i++)
        {
            Assert.True(ticks[i] == ticks[i - 1] + 1, $"ticker went {ticks[i - 1]} -> {ticks[i]}\n{_log}");
        }

        sink.AssertEverySequenceAccountedFor();
    }

    [Fact]
    public async Task A_short_cut_re_activates_the_session_and_health_counts_it_as_a_reactivation_not_a_transfer()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 100 });
        await using var proxy = UaTcpProxy.Start(peer.Port);
        var sink = new CollectingSink();
        using var source = Create(proxy.EndpointUrlFor(peer.EndpointUrl), sink, FastOptions, 200, Tag("ticker", Ns + "s=Ticker", queueSize: 200));
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(stop.Token);
        try
        {
            await Eventually.WaitUntilAsync(() => sink.Values.Length >= 5, TimeSpan.FromSeconds(30), $"ticker records before the cut\n{_log}");

            // Cut the TCP connection only: the session and its subscription live on in the server.
            proxy.CutAllConnections();
            await Eventually.WaitUntilAsync(() => source.Reactivations >= 1, TimeSpan.FromSeconds(30), $"a re-activated session\n{_log}");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(15));
        }

        Assert.Contains("session re-activated on a new channel", _log.ToString(), StringComparison.Ordinal);
        var health = source.Health;
        Assert.Equal("opcua", health.Kind);
        Assert.Equal(1, health.Reactivations);
        Assert.Equal(0, health.Transfers);
        Assert.Equal(0, health.Recreations);
        var json = System.Text.Json.JsonSerializer.Serialize(health);
        Assert.Contains("\"reactivations\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"transfers\":0", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_message_that_cannot_be_republished_becomes_a_republish_failed_gap_record_at_its_place_in_the_sequence()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 100 });
        await using var proxy = UaTcpProxy.Start(peer.Port);
        var options = FastOptions with { Client = FastOptions.Client with { Channel = new DataBridge.Connectors.OpcUa.Transport.SecureChannelOptions { RequestTimeout = TimeSpan.FromSeconds(2) } } };
        var sink = new CollectingSink();
        using var source = Create(proxy.EndpointUrlFor(peer.EndpointUrl), sink, options, 100, Tag("ticker", Ns + "s=Ticker"));
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(stop.Token);
        try
        {
            await Eventually.WaitUntilAsync(() => sink.Values.Length >= 5, TimeSpan.FromSeconds(30), $"ticker records\n{_log}");

            // The server's answer to Republish never arrives: the dropped message is lost for good.
            proxy.DropRepublishResponses = true;
            var dropped = await proxy.DropNextPublishResponse().WaitAsync(TimeSpan.FromSeconds(10));
            await Eventually.WaitUntilAsync(() => sink.Gaps.Length >= 1, TimeSpan.FromSeconds(30), $"a gap record for message {dropped.SequenceNumber}\n{_log}");
            proxy.DropRepublishResponses = false;
            var afterGap = sink.Values.Length;
            await Eventually.WaitUntilAsync(() => sink.Values.Length >= afterGap + 5, TimeSpan.FromSeconds(30), $"values after the gap\n{_log}");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(15));
        }

        var gap = Assert.Single(sink.Gaps);
        Assert.Equal(GapReason.RepublishFailed, gap.Reason);
        Assert.Equal(gap.FirstSequence, gap.LastSequence); // one lost NotificationMessage, one sequence number
        Assert.Contains("could not be republished", _log.ToString(), StringComparison.Ordinal);

        // The ticks before and after the hole are consecutive; across it, the ticks of the lost message are missing.
        var ticks = sink.Values.Where(v => v.Sequence < gap.FirstSequence).Select(v => v.Value.AsInt64()).ToArray();
        var later = sink.Values.Where(v => v.Sequence > gap.LastSequence).Select(v => v.Value.AsInt64()).ToArray();
        Assert.True(later[0] > ticks[^1] + 1, $"expected missing ticks between {ticks[^1]} and {later[0]}\n{_log}");
        sink.AssertEverySequenceAccountedFor();
    }

    [Fact]
    public async Task A_node_that_appears_after_the_subscription_was_made_is_monitored_once_it_exists()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 100, LateNodeAfterMs = 3000 });
        var sink = new CollectingSink();
        var options = FastOptions with { DeadTagRetryInterval = TimeSpan.FromMilliseconds(500) };
        using var source = Create(peer.EndpointUrl, sink, options, 30, Tag("late", Ns + "s=Late"), Tag("ticker", Ns + "s=Ticker"));
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(stop.Token);
        try
        {
            await Eventually.WaitUntilAsync(() => sink.Values.Any(v => v.TagId.EndsWith("/late", StringComparison.Ordinal) && v.Quality.IsGood), TimeSpan.FromSeconds(30), $"the late node's value\n{_log}");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(15));
        }

        var late = sink.Values.Where(v => v.TagId.EndsWith("/late", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, late.Length);
        Assert.Equal("BadNodeIdUnknown", late[0].Quality.Name);
        Assert.Equal(42, late[1].Value.AsInt64());
        Assert.Contains("tag 'late' (test.yaml:1:1) is monitored now", _log.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, source.Reconnects);
        sink.AssertEverySequenceAccountedFor();
    }
}
