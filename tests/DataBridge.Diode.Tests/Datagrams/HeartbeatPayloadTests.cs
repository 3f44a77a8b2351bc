using CsCheck;
using DataBridge.Diode.Datagrams;

namespace DataBridge.Diode.Tests.Datagrams;

public sealed class HeartbeatPayloadTests
{
    private static readonly Gen<HeartbeatPayload> Heartbeats =
        from time in Gen.Long
        from started in Gen.Long
        from block in Gen.ULong
        from records in Gen.ULong
        from datagrams in Gen.ULong
        from blocks in Gen.ULong
        from bytes in Gen.ULong
        from sources in Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 40], Gen.Long, (id, seq) => new SourcePosition(id, seq)).Array[0, 20]
        select new HeartbeatPayload(time, started, block, records, datagrams, blocks, bytes, sources);

    [Fact]
    public void A_heartbeat_survives_a_round_trip_inside_a_datagram()
    {
        Heartbeats.Sample(h =>
        {
            var payload = new byte[h.Length];
            Assert.Equal(payload.Length, h.Write(payload));
            var bytes = DatagramRoundTripTests.Write(new DatagramHeader(DatagramKind.Heartbeat, 5, 77, 0, 0, 0, 0, 0), payload);
            var read = HeartbeatPayload.Read(DatagramReader.Read(bytes, TestKeys.A).Payload);
            Assert.Equal(h with { Sources = [] }, read with { Sources = [] });
            Assert.Equal(h.Sources, read.Sources);
        });
    }

    [Fact]
    public void Every_truncation_of_a_heartbeat_is_a_typed_error()
    {
        var h = new HeartbeatPayload(1, 2, 3, 4, 5, 6, 7, [new("opcua-press07", 41), new("modbus-äöü", 9)]);
        var payload = new byte[h.Length];
        h.Write(payload);
        for (var length = 0; length < payload.Length; length++)
        {
            Assert.Throws<DiodeFormatException>(() => HeartbeatPayload.Read(payload.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Random_bytes_read_as_a_heartbeat_give_a_heartbeat_or_a_typed_error()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            if (bytes.Length > 0)
            {
                bytes[0] = HeartbeatPayload.Version;
            }

            try
            {
                var h = HeartbeatPayload.Read(bytes);
                Assert.Equal(bytes.Length, h.Length);
            }
            catch (DiodeFormatException e)
            {
                Assert.StartsWith("heartbeat.", e.Field, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void An_absurd_source_count_is_refused_before_anything_is_allocated_for_it()
    {
        var payload = new byte[HeartbeatPayload.FixedLength + 9];
        payload[0] = HeartbeatPayload.Version;
        payload[57] = 0xFF;
        payload[58] = 0xFF;
        var e = Assert.Throws<DiodeFormatException>(() => HeartbeatPayload.Read(payload));
        Assert.Equal(("heartbeat.sourceCount", 65535L), (e.Field, e.Value));

        payload[57] = 0;
        payload[58] = 2;
        e = Assert.Throws<DiodeFormatException>(() => HeartbeatPayload.Read(payload));
        Assert.Equal(("heartbeat.sourceCount", 2L), (e.Field, e.Value));
    }
}
