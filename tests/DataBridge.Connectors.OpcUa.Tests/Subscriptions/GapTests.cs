using DataBridge.Testing.OpcUa;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Core;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.OpcUa.Tests.Subscriptions;

public sealed class GapTests
{
    private const uint Ticker = 7;

    [Fact]
    public async Task A_lost_message_the_server_no_longer_holds_is_reported_as_a_gap_in_sequence_order()
    {
        // node-opcua keeps 100 unacknowledged messages per subscription for Republish; a consumer held up for
        // longer than that, plus a lost response, leaves a hole that only a gap record can describe.
        await using var peer = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 20 });
        var consumer = new RecordingConsumer();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const uint HeldAt = 3;
        const uint Dropped = HeldAt + 1;
        consumer.Before = async (batch, ct) =>
        {
            if (batch.SequenceNumber == HeldAt && batch.Gap is null)
            {
                await release.Task.WaitAsync(ct);
            }
        };
        await using var session = await SubscriptionTestSession.StartAsync(peer, new SubscriptionEngineOptions { MaxUndeliveredMessages = 400, MaxPublishRequests = 10 }, consumer);
        session.Engine.DropResponse = response => response.NotificationMessage.SequenceNumber == Dropped && response.NotificationMessage.NotificationData is { Length: > 0 };
        var subscription = await session.Engine.CreateSubscriptionAsync(new SubscriptionSettings { PublishingInterval = TimeSpan.FromMilliseconds(50), MaxKeepAliveCount = 10, LifetimeCount = 600 });
        await subscription.CreateMonitoredItemsAsync([session.Item("Ticker", Ticker, TimeSpan.FromMilliseconds(20))]);

        // Wait until the server has sent well over 100 messages past the held one.
        await Eventually.WaitUntilAsync(() => session.Engine.PublishRequestsSent > HeldAt + 130, TimeSpan.FromSeconds(30), "130 more Publish requests");
        release.SetResult();
        await Eventually.WaitUntilAsync(() => session.Engine.GapsReported >= 1 && consumer.Batches.Any(b => b.SequenceNumber > Dropped + 5), TimeSpan.FromSeconds(15), "the gap and the messages after it");

        var batches = consumer.Batches;
        var gapIndex = Array.FindIndex(batches, b => b.Gap is not null);
        var gap = batches[gapIndex].Gap!;
        var story = string.Join(' ', batches.Take(gapIndex + 3).Select(b => b.Gap is null ? $"{b.SequenceNumber}{(b.Republished ? "r" : string.Empty)}" : $"gap[{b.Gap.FirstSequenceNumber}-{b.Gap.LastSequenceNumber} {b.Gap.Reason.Name}]"));
        Assert.True(gap.FirstSequenceNumber == Dropped && gap.LastSequenceNumber == Dropped, story);
        Assert.Equal(subscription.Id, gap.SubscriptionId);
        Assert.Equal(Dropped, gap.FirstSequenceNumber);
        Assert.Equal(Dropped, gap.LastSequenceNumber);
        Assert.Equal(StatusCodes.BadMessageNotAvailable, gap.Reason.SubCode);
        Assert.Equal(HeldAt, batches[gapIndex - 1].SequenceNumber);
        Assert.Equal(Dropped + 1, batches[gapIndex + 1].SequenceNumber);
        Assert.Equal(1, session.Engine.GapsReported);
    }
}
