using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Fec;
using DataBridge.Diode.Sending;
using DataBridge.Diode.TestHost;
using DataBridge.Diode.Tests.Datagrams;
using DataBridge.Diode.Tests.Support;

namespace DataBridge.Diode.Tests.Sending;

public sealed class DiodeSenderTests
{
    [Fact]
    public async Task The_sender_reports_each_block_sent_with_the_last_record_it_completes_ending_at_the_last_record()
    {
        var source = new PositionLog(new GeneratedRecordSource(3, 1, 3000));
        var sender = new DiodeSender(new DiodeSenderOptions(), TestKeys.A, new MemoryTransport());
        await sender.RunAsync(source, CancellationToken.None);

        Assert.True(source.Sent.Count >= 3);
        Assert.Equal(Enumerable.Range(0, source.Sent.Count).Select(i => (ulong)i), source.Sent.Select(s => s.Block));
        Assert.True(source.Sent.Zip(source.Sent.Skip(1)).All(p => p.First.Position <= p.Second.Position));
        Assert.Equal(8999, source.Sent[^1].Position);
        Assert.Equal(8999, sender.Statistics.LastSentPosition);
    }

    [Fact]
    public async Task Full_blocks_use_the_configured_FEC_and_a_block_closed_early_gets_the_parity_that_keeps_it_as_safe()
    {
        var transport = new MemoryTransport();
        var sender = new DiodeSender(new DiodeSenderOptions(), TestKeys.A, transport);
        await sender.RunAsync(new GeneratedRecordSource(2, 1, 2500), CancellationToken.None);

        var headers = transport.Datagrams.Select(d => DatagramReader.Read(d, TestKeys.A).Header).Where(h => h.Kind != DatagramKind.Heartbeat).ToList();
        var blocks = headers.GroupBy(h => h.BlockId).ToList();
        Assert.Equal((224, 25), (blocks[0].First().DataCount, blocks[0].First().ParityCount));
        Assert.Equal(249, blocks[0].Count());
        var last = blocks[^1].First();
        Assert.True(last.DataCount < 224);
        Assert.Equal(PartialBlockParity.Table(224, 25)[last.DataCount], last.ParityCount);
        Assert.True(PartialBlockParity.BlockLossProbability(last.DataCount, last.ParityCount, 0.05) <= PartialBlockParity.BlockLossProbability(224, 25, 0.05));
    }

    [Fact]
    public async Task An_idle_sender_sends_a_heartbeat_with_each_source_position_and_its_counters()
    {
        var transport = new MemoryTransport();
        var sender = new DiodeSender(new DiodeSenderOptions(), TestKeys.A, transport);
        await sender.RunAsync(new GeneratedRecordSource(4, 10, 500), CancellationToken.None);

        var last = DatagramReader.Read(transport.Datagrams[^1], TestKeys.A);
        Assert.Equal(DatagramKind.Heartbeat, last.Header.Kind);
        var heartbeat = HeartbeatPayload.Read(last.Payload);
        Assert.Equal(4, heartbeat.Sources.Count);
        Assert.All(heartbeat.Sources, s => Assert.Equal(500, s.LastSequence));
        Assert.Equal(4UL * 491, heartbeat.RecordsSent);
        Assert.Equal((ulong)transport.Datagrams.Count - 1, heartbeat.DatagramsSent);
        Assert.Equal(sender.StreamId, last.Header.StreamId);
    }

    private sealed class PositionLog(IDiodeRecordSource inner) : IDiodeRecordSource
    {
        public List<(ulong Block, long Position)> Sent { get; } = [];

        public bool TryRead(out DiodeRecord record) => inner.TryRead(out record);

        public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => inner.WaitToReadAsync(cancellationToken);

        public void OnBlockSent(ulong blockId, long position) => Sent.Add((blockId, position));
    }
}
