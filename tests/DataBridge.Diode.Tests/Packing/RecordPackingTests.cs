using System.Buffers.Binary;
using CsCheck;
using DataBridge.Diode.Packing;

namespace DataBridge.Diode.Tests.Packing;

public sealed class RecordPackingTests
{
    private static readonly string[] SourceIds = ["", "opcua-press07", "modbus-äöü-Ω", new string('s', 255)];

    internal static readonly Gen<TestRecord> Records =
        from kind in Gen.Byte[1, 4]
        from source in Gen.Int[0, SourceIds.Length - 1]
        from sequence in Gen.Long
        from key in Gen.Byte.Array[0, 60]

        // Mostly small values, some larger than a payload so fragmentation is exercised.
        from value in Gen.Frequency((8, Gen.Byte.Array[0, 300]), (2, Gen.Byte.Array[300, 6000]))
        select new TestRecord(kind, SourceIds[source], sequence, key, value);

    internal static List<byte[]> Pack(IEnumerable<TestRecord> records, int payloadLength)
    {
        var collector = new PayloadCollector();
        var packer = new RecordPacker(collector, payloadLength);
        foreach (var r in records)
        {
            packer.Add(r.Kind, r.SourceId, r.Sequence, r.Key, r.Value);
        }

        packer.Flush();
        return collector.Payloads;
    }

    [Fact]
    public void Records_of_random_sizes_come_back_in_order_from_payloads_no_longer_than_the_limit()
    {
        Gen.Select(Records.List[1, 40], Gen.Int[RecordFrame.MinPayloadLength, 2000]).Sample((records, payloadLength) =>
        {
            var payloads = Pack(records, payloadLength);
            Assert.All(payloads, p => Assert.InRange(p.Length, 1, payloadLength));

            var sink = new RecordCollector();
            using var unpacker = new RecordUnpacker();
            foreach (var p in payloads)
            {
                unpacker.Unpack(p, sink);
            }

            Assert.Empty(sink.Lost);
            Assert.False(unpacker.HasPartialRecord);
            Assert.Equal(records.Count, sink.Records.Count);
            for (var i = 0; i < records.Count; i++)
            {
                Assert.True(records[i].Same(sink.Records[i]), $"record {i}: sent {records[i]}, got {sink.Records[i]}");
            }
        }, iter: 300);
    }

    [Fact]
    public void Payloads_zero_padded_as_FEC_repair_leaves_them_unpack_the_same()
    {
        Records.List[1, 20].Sample(records =>
        {
            var sink = new RecordCollector();
            using var unpacker = new RecordUnpacker();
            foreach (var p in Pack(records, 1400))
            {
                var padded = new byte[1400];
                p.CopyTo(padded, 0);
                unpacker.Unpack(padded, sink);
            }

            Assert.Equal(records.Count, sink.Records.Count);
        }, iter: 100);
    }

    [Fact]
    public void Small_records_share_a_payload_and_a_large_one_is_split_across_several()
    {
        // 20 frames of 15 + 13 + 2 + 20 = 50 bytes.
        var records = Enumerable.Range(0, 20).Select(i => new TestRecord(1, "opcua-press07", i, [1, 2], new byte[20])).ToList();
        Assert.Single(Pack(records, 1400));

        var large = new TestRecord(1, "s", 1, [9], Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray());
        var payloads = Pack([large], 1400);
        Assert.Equal(8, payloads.Count);
        Assert.All(payloads, p => Assert.Equal(RecordFrame.FragmentType, p[0]));
    }

    [Fact]
    public void A_lost_payload_inside_a_fragmented_record_loses_that_record_once_and_nothing_else()
    {
        var before = new TestRecord(1, "a", 1, [], new byte[100]);
        var large = new TestRecord(1, "a", 2, [7], new byte[5000]);
        var after = new TestRecord(1, "a", 3, [], new byte[100]);
        var payloads = Pack([before, large, after], 1400);
        Assert.True(payloads.Count >= 4);

        // Lose the second payload: the first fragment arrived, the rest are orphans of it.
        var sink = new RecordCollector();
        using var unpacker = new RecordUnpacker();
        unpacker.Unpack(payloads[0], sink);
        unpacker.MarkDiscontinuity(sink);
        foreach (var p in payloads.Skip(2))
        {
            unpacker.Unpack(p, sink);
        }

        Assert.Equal([1L, 3L], sink.Records.Select(r => r.Sequence));
        var lost = Assert.Single(sink.Lost);
        Assert.Equal(("a", 2L, 5001), (lost.SourceId, lost.Sequence, lost.TotalLength));

        // Same loss without being told: the gap in fragment offsets gives it away.
        sink = new RecordCollector();
        using var unaware = new RecordUnpacker();
        unaware.Unpack(payloads[0], sink);
        foreach (var p in payloads.Skip(2))
        {
            unaware.Unpack(p, sink);
        }

        Assert.Equal([1L, 3L], sink.Records.Select(r => r.Sequence));
        Assert.Equal(2L, Assert.Single(sink.Lost).Sequence);
    }

    [Fact]
    public void Random_bytes_unpack_to_records_or_a_typed_error_with_memory_bounded_by_the_record_limit()
    {
        var plausible =
            from type in Gen.Byte[0, 3]
            from rest in Gen.Byte.Array[0, 400]
            select (byte[])[type, .. rest];
        Gen.OneOf(Gen.Byte.Array[0, 400], plausible).Array[1, 8].Sample(payloads =>
        {
            var sink = new RecordCollector();
            using var unpacker = new RecordUnpacker(maxRecordLength: 4096);
            foreach (var p in payloads)
            {
                try
                {
                    unpacker.Unpack(p, sink);
                }
                catch (DiodeFormatException e)
                {
                    Assert.False(string.IsNullOrEmpty(e.Field));
                }
            }

            Assert.All(sink.Records, r => Assert.InRange(r.Key.Length + r.Value.Length, 0, 4096));
        }, iter: 2000);
    }

    [Fact]
    public void A_fragment_claiming_more_than_the_record_limit_is_refused_before_any_buffer_is_taken()
    {
        var payload = Pack([new TestRecord(1, "a", 1, [], new byte[3000])], 1400)[0];

        // The total-length field of the first fragment: type, kind, n=1, 'a', sequence (8), key length (4).
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(1 + 1 + 1 + 1 + 8 + 4), uint.MaxValue);
        using var unpacker = new RecordUnpacker();
        var e = Assert.Throws<DiodeFormatException>(() => unpacker.Unpack(payload, new RecordCollector()));
        Assert.Equal(("fragment.totalLength", (long)uint.MaxValue), (e.Field, e.Value));
        Assert.False(unpacker.HasPartialRecord);
    }

    [Fact]
    public void Every_truncation_of_a_payload_yields_its_whole_leading_records_and_a_typed_error_unless_cut_between_frames()
    {
        var records = Enumerable.Range(0, 10).Select(i => new TestRecord(1, "src", i, [1], new byte[i * 10])).ToList();
        var payload = Pack(records, 1400)[0];
        var cleanCuts = 0;
        for (var length = 1; length < payload.Length; length++)
        {
            var sink = new RecordCollector();
            using var unpacker = new RecordUnpacker();
            try
            {
                unpacker.Unpack(payload.AsSpan(0, length), sink);
                cleanCuts++;
            }
            catch (DiodeFormatException)
            {
            }

            for (var i = 0; i < sink.Records.Count; i++)
            {
                Assert.True(records[i].Same(sink.Records[i]));
            }
        }

        // Only the 9 cuts between two frames leave a well-formed (shorter) payload.
        Assert.Equal(9, cleanCuts);
    }

    [Fact]
    public void Garbage_after_the_end_frame_is_refused()
    {
        var payload = new byte[] { 0, 0, 0, 5 };
        var e = Assert.Throws<DiodeFormatException>(() => new RecordUnpacker().Unpack(payload, new RecordCollector()));
        Assert.Equal(("frame.padding", 3L), (e.Field, e.Value));
    }

    [Fact]
    public void The_packer_refuses_what_the_format_cannot_carry()
    {
        var packer = new RecordPacker(new PayloadCollector(), 1400, maxRecordLength: 1000);
        Assert.Throws<ArgumentException>(() => packer.Add(1, "a", 1, [], new byte[1001]));
        Assert.Throws<ArgumentException>(() => packer.Add(1, new string('x', 256), 1, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordPacker(new PayloadCollector(), RecordFrame.MinPayloadLength - 1));
    }
}
