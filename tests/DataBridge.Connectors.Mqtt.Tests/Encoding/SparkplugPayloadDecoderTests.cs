using System.Buffers;
using CsCheck;
using DataBridge.Connectors.Mqtt.Encoding;
using DataBridge.Connectors.Mqtt.Encoding.Proto;
using Google.Protobuf;
using DataBridge.Connectors.Mqtt.Tests.Support;
using static DataBridge.Connectors.Mqtt.Tests.Support.SparkplugPayloads;

namespace DataBridge.Connectors.Mqtt.Tests.Encoding;

public sealed class SparkplugPayloadDecoderTests
{
    private static Payload Decode(byte[] bytes, SparkplugDecoderLimits? limits = null) =>
        SparkplugPayloadDecoder.Decode("spBv1.0/g/NDATA/n", new ReadOnlySequence<byte>(bytes), limits ?? SparkplugDecoderLimits.Default);

    [Fact]
    public void A_payload_round_trips_through_the_compiled_proto()
    {
        var payload = Payload(T0, 7, BdSeq(3), SparkplugPayloads.Double("Temperature", 1, 20.5, "Cel"));

        var decoded = Decode(payload.ToByteArray());

        Assert.Equal(payload, decoded);
        Assert.Equal("Cel", decoded.Metrics[1].Properties.Values[0].StringValue);
    }

    [Fact]
    public void The_field_numbers_are_the_specifications()
    {
        // timestamp=1 (varint), metrics=2 (length-delimited), seq=3 (varint); metric name=1, alias=2, datatype=4, int_value=10.
        byte[] wire = [0x08, 0x01, 0x12, 0x09, 0x0A, 0x01, (byte)'t', 0x10, 0x05, 0x20, 0x03, 0x50, 0x2A, 0x18, 0x09];

        var payload = Decode(wire);

        Assert.Equal(1UL, payload.Timestamp);
        Assert.Equal(9UL, payload.Seq);
        var metric = Assert.Single(payload.Metrics);
        Assert.Equal("t", metric.Name);
        Assert.Equal(5UL, metric.Alias);
        Assert.Equal((uint)SparkplugDataType.Int32, metric.Datatype);
        Assert.Equal(42U, metric.IntValue);
    }

    [Fact]
    public void A_payload_over_the_size_limit_is_rejected_before_parsing()
    {
        var e = Assert.Throws<SparkplugPayloadException>(() => Decode(new byte[2000], new SparkplugDecoderLimits { MaxPayloadBytes = 1000 }));
        Assert.Contains("more than the limit of 1000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_length_prefix_claiming_more_bytes_than_exist_is_a_typed_error_not_a_huge_allocation()
    {
        // metrics (field 2) claiming 2 GiB - 1 of content in a 7-byte payload.
        var e = Assert.Throws<SparkplugPayloadException>(() => Decode([0x12, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00]));
        Assert.Contains("not a valid Sparkplug B protobuf payload", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_metrics_are_rejected()
    {
        var payload = Payload(T0, 1, Enumerable.Range(0, 11).Select(i => DoubleByAlias((ulong)i, i)).ToArray());
        var e = Assert.Throws<SparkplugPayloadException>(() => Decode(payload.ToByteArray(), new SparkplugDecoderLimits { MaxMetrics = 10 }));
        Assert.Contains("11 metrics", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_rejected()
    {
        var set = new Payload.Types.PropertySet();
        for (var i = 0; i < 30; i++)
        {
            var outer = new Payload.Types.PropertySet();
            outer.Keys.Add("k");
            outer.Values.Add(new Payload.Types.PropertyValue { PropertysetValue = set });
            set = outer;
        }

        var metric = DoubleByAlias(1, 1);
        metric.Properties = set;
        Assert.Throws<SparkplugPayloadException>(() => Decode(Payload(T0, 1, metric).ToByteArray()));
    }

    [Fact]
    public void A_seq_above_255_is_rejected()
    {
        var e = Assert.Throws<SparkplugPayloadException>(() => Decode(Payload(T0, 256).ToByteArray()));
        Assert.Contains("seq is 256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_decode_or_give_a_typed_error_within_bounded_memory()
    {
        var limits = new SparkplugDecoderLimits { MaxPayloadBytes = 4096 };
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                Decode(bytes, limits);
            }
            catch (SparkplugPayloadException)
            {
            }

            // A few hundred input bytes never cost more than a few hundred kilobytes.
            return GC.GetAllocatedBytesForCurrentThread() - before < 512 * 1024;
        }, iter: 5000);
    }

    [Fact]
    public void Mutated_valid_payloads_decode_or_give_a_typed_error()
    {
        var valid = Payload(T0, 3, BdSeq(1), SparkplugPayloads.Double("Temperature", 1, 20.5, "Cel"), Int32("Count", 2, -4)).ToByteArray();
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, Gen.Int[0, valid.Length]).Sample((index, value, cut) =>
        {
            var bytes = valid[..cut];
            if (index < bytes.Length)
            {
                bytes[index] = value;
            }

            try
            {
                Decode(bytes);
            }
            catch (SparkplugPayloadException)
            {
            }
        }, iter: 5000);
    }
}
