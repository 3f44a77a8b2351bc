using System.Buffers;
using DataBridge.Connectors.Mqtt.Encoding;
using DataBridge.Connectors.Mqtt.Encoding.Proto;
using DataBridge.Connectors.Mqtt.Sparkplug;
using DataBridge.Connectors.Mqtt.Tests.Support;
using DataBridge.Core;
using Google.Protobuf;
using static DataBridge.Connectors.Mqtt.Tests.Support.SparkplugPayloads;

namespace DataBridge.Connectors.Mqtt.Tests.Sparkplug;

public sealed class SparkplugSessionTrackerTests
{
    private readonly RecordingSparkplugObserver _observer = new();
    private readonly SparkplugSessionTracker _tracker;

    public SparkplugSessionTrackerTests() => _tracker = new SparkplugSessionTracker(_observer);

    private void Send(string topic, Payload payload) => _tracker.Process(topic, new ReadOnlySequence<byte>(payload.ToByteArray()), T0.AddHours(1));

    private void Birth(ulong bdSeq = 1) =>
        Send("spBv1.0/plant7/NBIRTH/press07", Payload(T0, 0, BdSeq(bdSeq), SparkplugPayloads.Double("Press/Temperature", 1, 20.5, "Cel"), Int32("Press/Count", 2, 7)));

    [Fact]
    public void Node_birth_defines_metrics_with_datatype_alias_and_unit_and_reports_their_values()
    {
        Birth();

        var birth = Assert.Single(_observer.EventsOf<SparkplugBirthEvent>());
        Assert.Equal(1UL, birth.BdSeq);
        var temperature = Assert.Single(birth.Metrics, m => m.Name == "Press/Temperature");
        Assert.Equal(SparkplugDataType.Double, temperature.DataType);
        Assert.Equal(ValueKind.Double, temperature.ValueKind);
        Assert.Equal(1UL, temperature.Alias);
        Assert.Equal("Cel", temperature.EngineeringUnit);
        Assert.Equal("plant7/press07/Press/Temperature", temperature.Path);
        var sample = Assert.Single(_observer.SamplesOf("plant7/press07/Press/Temperature"));
        Assert.Equal(TagValue.FromDouble(20.5), sample.Value);
        Assert.True(sample.Status.IsGood);
        Assert.Equal(T0, sample.SourceTimestamp);
        Assert.True(_tracker.IsOnline("plant7", "press07"));
    }

    [Fact]
    public void Node_data_by_alias_is_read_with_the_birth_datatype_and_the_metric_timestamp()
    {
        Birth();
        var data = DoubleByAlias(1, 21.25);
        data.Timestamp = Ms(T0.AddSeconds(5));
        Send("spBv1.0/plant7/NDATA/press07", Payload(T0.AddSeconds(6), 1, data, Int32ByAlias(2, -3)));

        var temps = _observer.SamplesOf("plant7/press07/Press/Temperature");
        Assert.Equal(TagValue.FromDouble(21.25), temps[^1].Value);
        Assert.Equal(T0.AddSeconds(5), temps[^1].SourceTimestamp);
        var count = _observer.SamplesOf("plant7/press07/Press/Count")[^1];
        Assert.Equal(TagValue.FromInt32(-3), count.Value);
        Assert.Equal(T0.AddSeconds(6), count.SourceTimestamp);
        Assert.Empty(_observer.EventsOf<SparkplugSequenceGap>());
    }

    [Fact]
    public void Node_data_by_name_is_accepted_too()
    {
        Birth();
        Send("spBv1.0/plant7/NDATA/press07", Payload(T0, 1, DoubleByName("Press/Temperature", 30)));

        Assert.Equal(TagValue.FromDouble(30), _observer.SamplesOf("plant7/press07/Press/Temperature")[^1].Value);
    }

    [Fact]
    public void A_seq_jump_becomes_one_typed_gap_event_and_tracking_continues_from_the_new_seq()
    {
        Birth();
        Send("spBv1.0/plant7/NDATA/press07", Payload(T0, 1, DoubleByAlias(1, 1)));
        Send("spBv1.0/plant7/NDATA/press07", Payload(T0, 5, DoubleByAlias(1, 5)));
        Send("spBv1.0/plant7/NDATA/press07", Payload(T0, 6, DoubleByAlias(1, 6)));

        var gap = Assert.Single(_observer.EventsOf<SparkplugSequenceGap>());
        Assert.Equal(2, gap.Expected);
        Assert.Equal(5, gap.Received);
        Assert.Equal(3, gap.MissingCount);
        Assert.Equal(TagValue.FromDouble(6), _observer.SamplesOf("plant7/press07/Press/Temperature")[^1].Value);
    }

    [Fact]
    public void Seq_wraps_from_255_to_0_without_a_gap()
    {
        Birth();
        for (ulong s = 1; s <= 255; s++)
        {
            Send("spBv1.0/plant7/NDATA/press07", Payload(T0, s, DoubleByAlias(1, s)));
        }

        Send("spBv1.0/plant7/NDATA/press07", Payload(T0, 0, DoubleByAlias(1, 256)));

        Assert.Empty(_observer.EventsOf<SparkplugSequenceGap>());
    }

    [Fact]
    public void Node_death_turns_every_node_and_device_metric_bad_with_the_death_timestamp()
    {
        Birth(bdSeq: 4);
        Send("spBv1.0/plant7/DBIRTH/press07/motor1", Payload(T0, 1, SparkplugPayloads.Double("Speed", 10, 1500)));
        var deathTime = T0.AddMinutes(3);
        Send("spBv1.0/plant7/NDEATH/press07", Payload(deathTime, null, BdSeq(4)));

        var death = Assert.Single(_observer.EventsOf<SparkplugDeathEvent>());
        Assert.Equal(4, death.MetricCount); // bdSeq, temperature, count, motor speed
        foreach (var path in new[] { "plant7/press07/Press/Temperature", "plant7/press07/Press/Count", "plant7/press07/motor1/Speed" })
        {
            var last = _observer.SamplesOf(path)[^1];
            Assert.Equal(StatusCodes.BadNoCommunication, last.Status.Code);
            Assert.Equal(deathTime, last.SourceTimestamp);
            Assert.True(last.Value.IsNull);
        }

        Assert.False(_tracker.IsOnline("plant7", "press07"));
    }

    [Fact]
    public void A_death_with_an_older_bdSeq_is_ignored_as_stale()
    {
        Birth(bdSeq: 5);
        Send("spBv1.0/plant7/NDEATH/press07", Payload(T0, null, BdSeq(4)));

        var stale = Assert.Single(_observer.EventsOf<SparkplugStaleDeath>());
        Assert.Equal(4UL, stale.BdSeq);
        Assert.Equal(5UL, stale.CurrentBdSeq);
        Assert.Empty(_observer.EventsOf<SparkplugDeathEvent>());
        Assert.True(_observer.SamplesOf("plant7/press07/Press/Temperature").All(s => s.Status.IsGood));
        Assert.True(_tracker.IsOnline("plant7", "press07"));
    }

    [Fact]
    public void Data_before_any_birth_is_reported_and_no_value_is_guessed()
    {
        Send("spBv1.0/plant7/NDATA/press07", Payload(T0, 3, DoubleByAlias(1, 1)));
        Send("spBv1.0/plant7/DDATA/press07/motor1", Payload(T0, 4, DoubleByAlias(1, 1)));

        var early = _observer.EventsOf<SparkplugDataBeforeBirth>();
        Assert.Equal(2, early.Count);
        Assert.Equal(SparkplugMessageType.NData, early[0].MessageType);
        Assert.Equal("motor1", early[1].DeviceId);
        Assert.Empty(_observer.Samples);
    }

    [Fact]
    public void Data_after_death_is_data_before_birth_until_the_rebirth()
    {
        Birth(bdSeq: 1);
        Send("spBv1.0/plant7/NDEATH/press07", Payload(T0, null, BdSeq(1)));
        Send("spBv1.0/plant7/NDATA/press07", Payload(T0, 1, DoubleByAlias(1, 1)));
        Assert.Single(_observer.EventsOf<SparkplugDataBeforeBirth>());

        Birth(bdSeq: 2);
        Send("spBv1.0/plant7/NDATA/press07", Payload(T0, 1, DoubleByAlias(1, 99)));
        Assert.Equal(TagValue.FromDouble(99), _observer.SamplesOf("plant7/press07/Press/Temperature")[^1].Value);
    }

    [Fact]
    public void Device_death_turns_only_that_device_bad_and_counts_in_the_node_seq()
    {
        Birth();
        Send("spBv1.0/plant7/DBIRTH/press07/motor1", Payload(T0, 1, SparkplugPayloads.Double("Speed", 10, 1500)));
        Send("spBv1.0/plant7/DDATA/press07/motor1", Payload(T0, 2, DoubleByAlias(10, 1490)));
        Send("spBv1.0/plant7/DDEATH/press07/motor1", Payload(T0.AddSeconds(9), 3));

        Assert.Equal(StatusCodes.BadNoCommunication, _observer.SamplesOf("plant7/press07/motor1/Speed")[^1].Status.Code);
        Assert.True(_observer.SamplesOf("plant7/press07/Press/Temperature")[^1].Status.IsGood);
        var death = Assert.Single(_observer.EventsOf<SparkplugDeathEvent>());
        Assert.Equal("motor1", death.DeviceId);
        Assert.Empty(_observer.EventsOf<SparkplugSequenceGap>());
    }

    [Fact]
    public void An_unknown_alias_rejects_that_metric_with_a_precise_error_and_keeps_the_others()
    {
        Birth();
        Send("spBv1.0/plant7/NDATA/press07", Payload(T0, 1, DoubleByAlias(77, 1), DoubleByAlias(1, 2)));

        var rejected = Assert.Single(_observer.EventsOf<SparkplugMessageRejected>());
        Assert.Contains("alias 77 was not defined by the current NBIRTH", rejected.Error.Message, StringComparison.Ordinal);
        Assert.Equal(TagValue.FromDouble(2), _observer.SamplesOf("plant7/press07/Press/Temperature")[^1].Value);
    }

    [Fact]
    public void A_malformed_topic_and_a_malformed_payload_are_rejected_as_events_not_exceptions()
    {
        _tracker.Process("spBv1.0/plant7/NBIRTH", new ReadOnlySequence<byte>([]), T0);
        _tracker.Process("spBv1.0/plant7/NBIRTH/press07", new ReadOnlySequence<byte>([0x0A, 0xFF, 0xFF]), T0);

        var rejected = _observer.EventsOf<SparkplugMessageRejected>();
        Assert.IsType<SparkplugTopicException>(rejected[0].Error);
        Assert.IsType<SparkplugPayloadException>(rejected[1].Error);
        Assert.False(_tracker.IsOnline("plant7", "press07"));
    }

    [Fact]
    public void A_value_in_the_wrong_protobuf_field_is_a_bad_type_mismatch_sample()
    {
        Birth();
        Send("spBv1.0/plant7/NDATA/press07", Payload(T0, 1, new Payload.Types.Metric { Alias = 1, StringValue = "hot" }));

        Assert.Equal(StatusCodes.BadTypeMismatch, _observer.SamplesOf("plant7/press07/Press/Temperature")[^1].Status.Code);
    }

    [Fact]
    public void State_and_command_messages_change_nothing()
    {
        _tracker.Process("spBv1.0/STATE/scada1", new ReadOnlySequence<byte>("{\"online\":true}"u8.ToArray()), T0);
        _tracker.Process("spBv1.0/plant7/NCMD/press07", new ReadOnlySequence<byte>([]), T0);

        Assert.Empty(_observer.Events);
        Assert.Empty(_observer.Samples);
    }
}
