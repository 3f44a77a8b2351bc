using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using DataBridge.Bridge.Outbox;
using DataBridge.Bridge.Sinks;
using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Bridge.Tests.Sinks;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;
using DataBridge.Testing.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using static DataBridge.Bridge.Tests.Outbox.OutboxFixture;

namespace DataBridge.Bridge.Tests.Outbox;

/// <summary>
/// Frames now store the Kafka key next to the value bytes (bytes 14-15, formerly reserved, hold its length). An outbox
/// that the previous version wrote — keyless frames with those bytes zero — must still be read and delivered.
/// </summary>
public sealed class FrameFormatHistoryTests
{
    [Fact]
    public async Task A_value_written_now_is_stored_with_its_tag_id_as_key_next_to_the_unchanged_value_bytes()
    {
        using var fx = new OutboxFixture();
        await using var outbox = await OpenAsync(fx.Options(segmentBytes: 1 << 16));
        var records = SinkTestData.Values(10, tags: 5);
        await using (var sink = new OutboxSink(outbox))
        {
            await sink.WriteAsync(records, CancellationToken.None);
        }

        var read = ReadAll(outbox);
        Assert.Equal(records.Count, read.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(records[i].TagId, Encoding.UTF8.GetString(read[i].Key.Span));
            Assert.Equal(Encode(records[i]), read[i].Payload.ToArray());
        }
    }

    [Fact]
    public async Task An_outbox_of_the_previous_version_without_keys_is_read_and_delivered_to_Kafka_keyed_by_tag_id()
    {
        using var fx = new OutboxFixture();
        var records = SinkTestData.Values(40, tags: 8);
        WritePreviousVersionSegment(fx.Directory, records);

        using var cluster = KafkaMockCluster.Start(1);
        var options = KafkaSinkTests.Options(cluster.BootstrapServers);
        await using var outbox = await OpenAsync(fx.Options(segmentBytes: 1 << 16));
        Assert.Equal(records.Count, ReadAll(outbox, "probe").Count);
        Assert.All(ReadAll(outbox, "probe2"), r => Assert.True(r.Key.IsEmpty));

        using var stop = new CancellationTokenSource();
        await using var kafka = await KafkaSink.StartAsync(options);
        var forwarder = new OutboxForwarder(outbox, kafka, "edge-1", TimeProvider.System, NullLogger.Instance);
        var forwarding = forwarder.RunAsync(stop.Token);
        try
        {
            var messages = await KafkaTopicReader.ReadAsync(cluster.BootstrapServers, options.ValuesTopic, records.Count, TimeSpan.FromSeconds(60));
            Assert.Equal(records.Count, messages.Count);
            var expected = records.Select(r => (r.TagId, r.SourceId, r.Sequence)).Order().ToList();
            var delivered = messages.Select(m => (m.KeyText!, TagValueSerializer.Read(m.Value)))
                .Select(m => (m.Item1, m.Item2.SourceId, m.Item2.Sequence)).Order().ToList();
            Assert.Equal(expected, delivered);
            Assert.All(messages, m => Assert.Equal(m.KeyText, TagValueSerializer.Read(m.Value).TagId));
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await forwarding.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (OperationCanceledException)
            {
                // Stopped as asked.
            }
        }
    }

    private static byte[] Encode(TagValueRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        TagValueSerializer.Write(record, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// One segment exactly as the previous version wrote it (docs/outbox.md, "Format history"), built byte by byte here
    /// rather than with today's writer: 32-byte segment header, then keyless frames whose bytes 14-15 are zero.
    /// </summary>
    private static void WritePreviousVersionSegment(string directory, List<TagValueRecord> records)
    {
        using var file = new MemoryStream();
        var header = new byte[SegmentFile.HeaderLength];
        SegmentFile.WriteHeader(header, 0);
        file.Write(header);
        foreach (var r in records)
        {
            var source = Encoding.UTF8.GetBytes(r.SourceId);
            var payload = Encode(r);
            var frame = new byte[24 + source.Length + payload.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(frame, 0x4F584244);
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), (uint)(12 + source.Length + payload.Length));
            frame[12] = (byte)RecordKind.Value;
            frame[13] = (byte)source.Length;
            frame[14] = 0;
            frame[15] = 0;
            BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(16), r.Sequence);
            source.CopyTo(frame, 24);
            payload.CopyTo(frame, 24 + source.Length);
            var crc = Crc32C.Append(Crc32C.Start, frame.AsSpan(4, 4));
            crc = Crc32C.Append(crc, frame.AsSpan(12));
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), Crc32C.Finish(crc));
            file.Write(frame);
        }

        File.WriteAllBytes(Path.Combine(directory, SegmentFile.NameFor(0)), file.ToArray());
    }
}
