using CsCheck;
using DataBridge.Connectors.Mqtt.Encoding;

namespace DataBridge.Connectors.Mqtt.Tests.Encoding;

public sealed class MqttTopicFilterTests
{
    [Theory]
    [InlineData("plant7/+/press/+/temperature", "plant7/line2/press/p07/temperature", true)]
    [InlineData("plant7/+/press/+/temperature", "plant7/line2/press/p07/pressure", false)]
    [InlineData("plant7/+/press/+/temperature", "plant7/line2/press/temperature", false)]
    [InlineData("plant7/#", "plant7/a/b/c", true)]
    [InlineData("plant7/#", "plant7", true)]
    [InlineData("plant7/#", "plant8/a", false)]
    [InlineData("#", "$SYS/broker/uptime", false)]
    [InlineData("+/a", "$SYS/a", false)]
    [InlineData("a/+", "a/", true)]
    [InlineData("a/b", "a/b", true)]
    [InlineData("a/b", "a/b/c", false)]
    public void Filters_match_topics_as_the_broker_does(string filter, string topic, bool matches)
    {
        Assert.Equal(matches, MqttTopicFilter.Parse(filter).Matches(topic));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("plant7/#/x", "'#' must be the last level")]
    [InlineData("plant7/a#", "'#' must be a whole level")]
    [InlineData("plant7/a+/x", "'+' must be a whole level")]
    public void Invalid_filters_are_rejected_with_the_rule_they_break(string filter, string problem)
    {
        var e = Assert.Throws<MqttTopicFilterException>(() => MqttTopicFilter.Parse(filter));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_without_wildcards_matches_exactly_its_own_topic_and_hash_matches_everything_not_starting_with_dollar()
    {
        Gen.String[Gen.Char["ab/"], 1, 12].Where(t => !t.Contains('+') && !t.Contains('#'))
            .Sample(topic =>
            {
                var exact = MqttTopicFilter.Parse(topic);
                return exact.Matches(topic) && !exact.Matches(topic + "x") && MqttTopicFilter.Parse("#").Matches(topic);
            }, iter: 3000);
    }

    [Fact]
    public void Any_string_either_is_a_valid_filter_or_is_rejected_with_a_typed_error()
    {
        Gen.String[Gen.Char["a/+#"], 0, 10].Sample(text =>
        {
            try
            {
                var filter = MqttTopicFilter.Parse(text);
                filter.Matches("a/a/a");
                return true;
            }
            catch (MqttTopicFilterException)
            {
                return true;
            }
        }, iter: 5000);
    }
}
