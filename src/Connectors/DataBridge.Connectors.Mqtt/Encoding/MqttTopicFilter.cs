namespace DataBridge.Connectors.Mqtt.Encoding;

/// <summary>
/// A validated MQTT topic filter with <c>+</c> (one level) and <c>#</c> (this level and all below) wildcards, and the
/// matching the broker applies (MQTT 5 §4.7), so a message can be routed to the binding whose filter it came through.
/// </summary>
public sealed class MqttTopicFilter
{
    private MqttTopicFilter(string filter) => Filter = filter;

    /// <summary>The filter text as configured.</summary>
    public string Filter { get; }

    /// <summary>Validates <paramref name="filter"/>.</summary>
    /// <exception cref="MqttTopicFilterException">The filter is empty, too long, or uses a wildcard inside a level.</exception>
    public static MqttTopicFilter Parse(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Length == 0)
        {
            throw new MqttTopicFilterException(filter, "it is empty");
        }

        if (filter.Length > SparkplugTopic.MaxTopicLength)
        {
            throw new MqttTopicFilterException(filter, $"it is longer than {SparkplugTopic.MaxTopicLength} characters");
        }

        if (filter.Contains('\0', StringComparison.Ordinal))
        {
            throw new MqttTopicFilterException(filter, "it contains a NUL character");
        }

        var start = 0;
        for (var level = 0; ; level++)
        {
            var end = filter.IndexOf('/', start);
            var text = end < 0 ? filter.AsSpan(start) : filter.AsSpan(start, end - start);
            if (text.Contains('#'))
            {
                if (text.Length != 1)
                {
                    throw new MqttTopicFilterException(filter, $"'#' must be a whole level, but level {level + 1} is '{MqttInputException.Clip(text.ToString())}'");
                }

                if (end >= 0)
                {
                    throw new MqttTopicFilterException(filter, "'#' must be the last level");
                }
            }

            if (text.Contains('+') && text.Length != 1)
            {
                throw new MqttTopicFilterException(filter, $"'+' must be a whole level, but level {level + 1} is '{MqttInputException.Clip(text.ToString())}'");
            }

            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }

        return new MqttTopicFilter(filter);
    }

    /// <summary>True when a message published on <paramref name="topic"/> is delivered through this filter.</summary>
    public bool Matches(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);

        // MQTT 5 §4.7.2: a filter starting with a wildcard does not match topics starting with '$'.
        if (topic.StartsWith('$') && (Filter[0] == '+' || Filter[0] == '#'))
        {
            return false;
        }

        var f = Filter.AsSpan();
        var t = topic.AsSpan();
        while (true)
        {
            var fEnd = f.IndexOf('/');
            var fLevel = fEnd < 0 ? f : f[..fEnd];
            if (fLevel.SequenceEqual("#"))
            {
                return true;
            }

            var tEnd = t.IndexOf('/');
            var tLevel = tEnd < 0 ? t : t[..tEnd];
            if (!fLevel.SequenceEqual("+") && !fLevel.SequenceEqual(tLevel))
            {
                return false;
            }

            if (fEnd < 0 || tEnd < 0)
            {
                // Both must end here, except that "a/#" also matches "a" (the parent level).
                return fEnd < 0 && tEnd < 0 || (tEnd < 0 && f[(fEnd + 1)..].SequenceEqual("#"));
            }

            f = f[(fEnd + 1)..];
            t = t[(tEnd + 1)..];
        }
    }

    /// <inheritdoc />
    public override string ToString() => Filter;
}
