using CsCheck;
using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Fec;
using DataBridge.Diode.Packing;
using DataBridge.Diode.Tests.Datagrams;
using DataBridge.Diode.Tests.Packing;

namespace DataBridge.Diode.Tests;

/// <summary>
/// The layers together, the way the sender and receiver will stack them: records → packer → FEC blocks →
/// authenticated datagrams → a lossy, reordering, duplicating link → reader → block decoders → unpacker.
/// </summary>
public sealed class CorePipelineTests
{
    private sealed class Sender(int k, int m, DatagramAuthenticator key) : IPayloadSink
    {
        private readonly FecBlockEncoder _encoder = new(k, m);
        private readonly byte[] _buffer = new byte[DatagramLimits.MaxDatagramLength];
        private ulong _sequence;
        private ulong _block;

        public List<byte[]> Datagrams { get; } = [];

        public void OnPayload(ReadOnlySpan<byte> payload)
        {
            _encoder.Add(payload);
            if (_encoder.IsFull)
            {
                CloseBlock();
            }
        }

        public void CloseBlock()
        {
            if (_encoder.Count == 0)
            {
                return;
            }

            _encoder.EncodeParity();
            var count = (byte)_encoder.Count;
            for (var i = 0; i < _encoder.Count; i++)
            {
                Send(new DatagramHeader(DatagramKind.Data, 42, _sequence++, _block, (byte)i, count, (byte)m, 0), _encoder.GetData(i));
            }

            for (var i = 0; i < m; i++)
            {
                Send(new DatagramHeader(DatagramKind.Parity, 42, _sequence++, _block, (byte)(count + i), count, (byte)m, 0), _encoder.GetParity(i));
            }

            _encoder.Reset();
            _block++;
        }

        private void Send(DatagramHeader header, ReadOnlySpan<byte> payload) =>
            Datagrams.Add(_buffer.AsSpan(0, DatagramWriter.Write(_buffer, header, payload, key)).ToArray());
    }

    private static (RecordCollector Sink, int Unrecoverable, int Rejected) Receive(IEnumerable<byte[]> datagrams, DatagramAuthenticator key)
    {
        var blocks = new SortedDictionary<ulong, FecBlockDecoder>();
        var rejected = 0;
        foreach (var bytes in datagrams)
        {
            if (!DatagramReader.TryRead(bytes, key, out var datagram, out _))
            {
                rejected++;
                continue;
            }

            if (!blocks.TryGetValue(datagram.Header.BlockId, out var decoder))
            {
                blocks[datagram.Header.BlockId] = decoder = new FecBlockDecoder();
            }

            decoder.Add(datagram.Header, datagram.Payload);
        }

        // Blocks in order, as the receiver will release them once each is complete or timed out.
        var sink = new RecordCollector();
        using var unpacker = new RecordUnpacker();
        var unrecoverable = 0;
        ulong expected = 0;
        foreach (var (id, decoder) in blocks)
        {
            if (id != expected)
            {
                unpacker.MarkDiscontinuity(sink);
            }

            expected = id + 1;
            var result = decoder.Decode();
            if (!result.IsDecoded)
            {
                unrecoverable++;
                unpacker.MarkDiscontinuity(sink);
                decoder.Dispose();
                continue;
            }

            for (var i = 0; i < decoder.DataCount; i++)
            {
                unpacker.Unpack(decoder.GetData(i), sink);
            }

            decoder.Dispose();
        }

        return (sink, unrecoverable, rejected);
    }

    [Fact]
    public void Every_record_arrives_when_each_block_loses_at_most_m_datagrams_in_any_order_with_duplicates_and_forgeries()
    {
        Gen.Select(RecordPackingTests.Records.List[1, 300], Gen.Int[1, 32], Gen.Int[1, 4], Gen.Int).Sample((records, k, m, seed) =>
        {
            var random = new Random(seed);
            var sender = new Sender(k, m, TestKeys.A);
            var packer = new RecordPacker(sender);
            foreach (var r in records)
            {
                packer.Add(r.Kind, r.SourceId, r.Sequence, r.Key, r.Value);
            }

            packer.Flush();
            sender.CloseBlock();

            // Per block (k + m consecutive datagrams, fewer for the last), drop up to m at random.
            var link = new List<byte[]>();
            var blockId = -1L;
            var dropped = 0;
            foreach (var d in sender.Datagrams)
            {
                var id = (long)DatagramReader.Read(d, TestKeys.A).Header.BlockId;
                if (id != blockId)
                {
                    (blockId, dropped) = (id, 0);
                }

                if (dropped < m && random.Next(3) == 0)
                {
                    dropped++;
                    continue;
                }

                link.Add(d);
                if (random.Next(10) == 0)
                {
                    link.Add(d);
                }
            }

            // Forgeries from the IT side: altered copies and datagrams under another key.
            var forged = link.Take(5).Select(d => { var f = (byte[])d.Clone(); f[^20] ^= 1; return f; }).ToList();
            forged.Add(DatagramRoundTripTests.Write(new DatagramHeader(DatagramKind.Data, 42, 0, 0, 0, (byte)k, (byte)m, 0), new byte[50], TestKeys.B));
            link.AddRange(forged);
            link = link.OrderBy(_ => random.Next()).ToList();

            var (sink, unrecoverable, rejected) = Receive(link, TestKeys.A);
            Assert.Equal(0, unrecoverable);
            Assert.Equal(forged.Count, rejected);
            Assert.Empty(sink.Lost);
            Assert.Equal(records.Count, sink.Records.Count);
            for (var i = 0; i < records.Count; i++)
            {
                Assert.True(records[i].Same(sink.Records[i]), $"record {i}");
            }
        }, iter: 60);
    }

    [Fact]
    public void A_block_that_loses_more_than_m_datagrams_loses_only_the_records_it_carried()
    {
        var records = Enumerable.Range(0, 2000).Select(i => new TestRecord(1, "opcua-press07", i, [1], new byte[40])).ToList();
        var sender = new Sender(32, 4, TestKeys.A);
        var packer = new RecordPacker(sender);
        foreach (var r in records)
        {
            packer.Add(r.Kind, r.SourceId, r.Sequence, r.Key, r.Value);
        }

        packer.Flush();
        sender.CloseBlock();

        // Block 1 loses 5 of its 36 datagrams (one more than parity can repair).
        var link = sender.Datagrams.Where((d, i) => i < 36 || i >= 41).ToList();
        var (sink, unrecoverable, _) = Receive(link, TestKeys.A);
        Assert.Equal(1, unrecoverable);
        var received = sink.Records.Select(r => r.Sequence).ToHashSet();
        var missing = records.Select(r => r.Sequence).Where(s => !received.Contains(s)).ToList();

        // What is missing is exactly one contiguous run (the block's records), and everything else arrived.
        Assert.NotEmpty(missing);
        Assert.Equal(missing.Count - 1, missing[^1] - missing[0]);
        Assert.Equal(records.Count, received.Count + missing.Count);
    }
}
