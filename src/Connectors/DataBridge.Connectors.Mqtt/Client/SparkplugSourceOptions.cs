using DataBridge.Connectors.Mqtt.Encoding;

namespace DataBridge.Connectors.Mqtt.Client;

/// <summary>Which Sparkplug traffic to follow.</summary>
public sealed record SparkplugSourceOptions
{
    /// <summary>Group ids to subscribe to (<c>spBv1.0/&lt;group&gt;/#</c> each); empty follows every group (<c>spBv1.0/#</c>).</summary>
    public IReadOnlyList<string> GroupIds { get; init; } = [];

    /// <summary>Payload decoding limits.</summary>
    public SparkplugDecoderLimits Limits { get; init; } = SparkplugDecoderLimits.Default;

    /// <summary>The topic filters these options subscribe to.</summary>
    /// <exception cref="MqttTopicFilterException">A group id contains a wildcard or '/'.</exception>
    public IReadOnlyList<MqttTopicFilter> TopicFilters()
    {
        if (GroupIds.Count == 0)
        {
            return [MqttTopicFilter.Parse(SparkplugTopic.Namespace + "/#")];
        }

        var filters = new MqttTopicFilter[GroupIds.Count];
        for (var i = 0; i < filters.Length; i++)
        {
            var group = GroupIds[i];
            if (group.Length == 0 || group.AsSpan().IndexOfAny("+#/") >= 0)
            {
                throw new MqttTopicFilterException(group, "a Sparkplug group id is one topic level without wildcards");
            }

            filters[i] = MqttTopicFilter.Parse($"{SparkplugTopic.Namespace}/{group}/#");
        }

        return filters;
    }
}
