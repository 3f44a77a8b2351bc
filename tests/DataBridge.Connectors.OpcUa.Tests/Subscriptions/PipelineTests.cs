using DataBridge.Testing.OpcUa;
using System.Collections.Concurrent;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.OpcUa.Tests.Subscriptions;

/// <summary>Publish pipelining, Republish, acknowledgement timing and keep-alive watchdog against the peer's Ticker (+1 every 200 ms).</summary>
public sealed class PipelineTests
{
    private const uint Ticker = 7;

    [Fact]
    public async Task A_lost_publish_response_is_repaired_with_Republish_and_every_value_arrives_once()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1 });
        await using var session = await SubscriptionTestSession.StartAsync(peer);
        uint dropped = 0;
        session.Engine.DropResponse = response =>
        {
            var sequence = response.NotificationMessage.SequenceNumber;
            return response.NotificationMessage.NotificationData is { Length: > 0 } && sequence >= 3 && Interlocked.CompareExchange(ref dropped, sequence, 0) == 0;
        };
        await session.SubscribeAsync(session.Item("Ticker", Ticker));
        await Eventually.WaitUntilAsync(() => session.Consumer.Values(Ticker).Length >= 15, TimeSpan.FromSeconds(20), "15 ticker values");

        Assert.NotEqual(0u, dropped);
        Assert.True(session.Engine.RepublishedCount >= 1);
        var batches = session.Consumer.Batches;
        Assert.Contains(batches, b => b.SequenceNumber == dropped && b.Republished);
        AssertConsecutive(batches.Select(b => (ulong)b.SequenceNumber).ToArray(), "sequence numbers");
        AssertConsecutive(session.Consumer.Values(Ticker), "ticker values");
        Assert.Equal(0, session.Engine.GapsReported);
    }

    [Fact]
    public async Task BadTooManyPublishRequests_lowers_the_pipeline_depth_and_values_keep_flowing()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, MaxPublishQueue = 2 });
        await using var session = await SubscriptionTestSession.StartAsync(peer, new SubscriptionEngineOptions { InitialPublishRequests = 5, MaxPublishRequests = 8 });
        await session.SubscribeAsync(session.Item("Ticker", Ticker));
        await Eventually.WaitUntilAsync(() => session.Engine.TooManyPublishRequestsCount >= 1, TimeSpan.FromSeconds(10), "BadTooManyPublishRequests");
        var before = session.Consumer.Values(Ticker).Length;
        await Eventually.WaitUntilAsync(() => session.Consumer.Values(Ticker).Length >= before + 10, TimeSpan.FromSeconds(10), "10 more ticker values");

        Assert.InRange(session.Engine.TargetPublishRequests, 1, 2);
        AssertConsecutive(session.Consumer.Values(Ticker), "ticker values");
        Assert.Equal(0, session.Engine.GapsReported);
    }

    [Fact]
    public async Task A_message_is_acknowledged_only_after_the_consumer_callback_completed()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1 });
        var consumer = new RecordingConsumer();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        uint blocked = 0;
        consumer.Before = async (batch, ct) =>
        {
            if (batch.SequenceNumber >= 2 && Interlocked.CompareExchange(ref blocked, batch.SequenceNumber, 0) == 0)
            {
                await release.Task.WaitAsync(ct);
            }
        };
        await using var session = await SubscriptionTestSession.StartAsync(peer, consumer: consumer);
        var sent = new ConcurrentQueue<SubscriptionAcknowledgement>();
        session.Engine.AcknowledgementsSending = acks => Array.ForEach(acks, sent.Enqueue);
        await session.SubscribeAsync(session.Item("Ticker", Ticker));

        await Eventually.WaitUntilAsync(() => Volatile.Read(ref blocked) != 0, TimeSpan.FromSeconds(10), "the consumer to block");
        var publishesAtBlock = session.Engine.PublishRequestsSent;
        await Eventually.WaitUntilAsync(() => session.Engine.PublishRequestsSent >= publishesAtBlock + 3, TimeSpan.FromSeconds(10), "Publish requests while the consumer blocks");
        Assert.DoesNotContain(sent, a => a.SequenceNumber >= blocked);
        Assert.Contains(sent, a => a.SequenceNumber == blocked - 1);

        release.SetResult();
        await Eventually.WaitUntilAsync(() => sent.Any(a => a.SequenceNumber == blocked), TimeSpan.FromSeconds(10), "the acknowledgement after the callback completed");
        AssertConsecutive(consumer.Values(Ticker), "ticker values");
    }

    [Fact]
    public async Task A_silent_server_is_reported_as_a_stalled_subscription()
    {
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1 });
        await using var session = await SubscriptionTestSession.StartAsync(peer, new SubscriptionEngineOptions { WatchdogInterval = TimeSpan.FromMilliseconds(200) });
        var stalled = new TaskCompletionSource<SubscriptionStalledEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Engine.Stalled += (_, e) => stalled.TrySetResult(e);
        var subscription = await session.SubscribeAsync(session.Item("Ticker", Ticker));
        await Eventually.WaitUntilAsync(() => session.Consumer.Values(Ticker).Length >= 3, TimeSpan.FromSeconds(10), "ticker values");
        Assert.False(stalled.Task.IsCompleted);

        await peer.SuspendAsync();
        try
        {
            var e = await stalled.Task.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(subscription.Id, e.SubscriptionId);
            Assert.True(e.SilentFor > e.Limit);
        }
        finally
        {
            await peer.ResumeAsync();
        }
    }

    private static void AssertConsecutive(ulong[] values, string what)
    {
        Assert.NotEmpty(values);
        for (var i = 1; i < values.Length; i++)
        {
            Assert.True(values[i] == values[i - 1] + 1, $"{what} not consecutive at {i}: {string.Join(',', values)}");
        }
    }
}
