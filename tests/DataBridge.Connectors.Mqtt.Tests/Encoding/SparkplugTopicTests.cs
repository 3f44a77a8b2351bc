using CsCheck;
using DataBridge.Connectors.Mqtt.Encoding;

namespace DataBridge.Connectors.Mqtt.Tests.Encoding;

public sealed class SparkplugTopicTests
{
    [Theory]
    [InlineData("spBv1.0/plant7/NBIRTH/press07", SparkplugMessageType.NBirth, "plant7", "press07", null)]
    [InlineData("spBv1.0/plant7/DDATA/press07/motor1", SparkplugMessageType.DData, "plant7", "press07", "motor1")]
    [InlineData("spBv1.0/g/NDEATH/n", SparkplugMessageType.NDeath, "g", "n", null)]
    [InlineData("spBv1.0/g/DDEATH/n/d", SparkplugMessageType.DDeath, "g", "n", "d")]
    [InlineData("spBv1.0/STATE/scada-host", SparkplugMessageType.State, "", "scada-host", null)]
    public void Well_formed_topics_parse_into_their_parts(string topic, SparkplugMessageType type, string group, string node, string? device)
    {
        var parsed = SparkplugTopic.Parse(topic);

        Assert.Equal(new SparkplugTopic(type, group, node, device), parsed);
        Assert.Equal(topic, parsed.ToString());
    }

    [Theory]
    [InlineData("plant7/NBIRTH/press07", "does not start with 'spBv1.0/'")]
    [InlineData("spBv1.0/plant7/NBIRTH", "the edge node id is missing")]
    [InlineData("spBv1.0/plant7/DDATA/press07", "the device id is missing")]
    [InlineData("spBv1.0/plant7/NDATA/press07/motor1", "NDATA topics end with the edge node id")]
    [InlineData("spBv1.0/plant7/nbirth/press07", "'nbirth' is not a Sparkplug message type")]
    [InlineData("spBv1.0//NBIRTH/press07", "the group id is empty")]
    [InlineData("spBv1.0/plant7/NBIRTH/press07/", "extra levels")]
    [InlineData("spBv1.0/plant7/DDATA/press07/", "the device id is empty")]
    [InlineData("spBv1.0/plant+/NBIRTH/press07", "contains a wildcard")]
    [InlineData("spBv1.0/plant7/STATE/press07", "STATE belongs directly after spBv1.0")]
    [InlineData("spBv1.0/STATE/host/extra", "exactly one level after STATE")]
    public void Malformed_topics_are_rejected_with_an_error_naming_the_problem(string topic, string problem)
    {
        var e = Assert.Throws<SparkplugTopicException>(() => SparkplugTopic.Parse(topic));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Equal(topic, e.Topic);
    }

    [Fact]
    public void Any_string_either_parses_and_round_trips_or_is_rejected_with_a_typed_error()
    {
        var level = Gen.OneOf(Gen.Const("spBv1.0"), Gen.Const("NBIRTH"), Gen.Const("DDATA"), Gen.Const("STATE"), Gen.Const(""), Gen.String[Gen.Char["ab+#/"], 0, 4]);
        Gen.OneOf(level.Array[0, 6].Select(parts => string.Join('/', parts)), Gen.String)
            .Sample(topic =>
            {
                try
                {
                    var parsed = SparkplugTopic.Parse(topic);
                    return parsed.ToString() == topic;
                }
                catch (SparkplugTopicException e)
                {
                    return e.Message.Length < 1000;
                }
            }, iter: 5000);
    }

    [Fact]
    public void A_topic_longer_than_MQTT_allows_is_rejected_without_echoing_it_whole()
    {
        var topic = "spBv1.0/" + new string('g', 70_000) + "/NBIRTH/n";

        var e = Assert.Throws<SparkplugTopicException>(() => SparkplugTopic.Parse(topic));

        Assert.Contains("more than MQTT allows", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 1000);
    }
}
