using System.Globalization;
using DataBridge.Connectors.Mqtt.Encoding;
using DataBridge.Connectors.Mqtt.Encoding.Proto;

namespace DataBridge.Connectors.Mqtt.Sparkplug;

/// <summary>The metrics one birth defined (an edge node's own, or one device's), found by alias or by name.</summary>
internal sealed class SparkplugMetricScope
{
    private readonly Dictionary<ulong, SparkplugMetric> _byAlias = [];
    private readonly Dictionary<string, SparkplugMetric> _byName = new(StringComparer.Ordinal);

    public List<SparkplugMetric> All { get; } = [];

    public bool IsOnline { get; set; }

    public void Clear()
    {
        _byAlias.Clear();
        _byName.Clear();
        All.Clear();
    }

    /// <summary>Defines a metric from a birth; returns the problem when the birth's entry cannot be used.</summary>
    public string? Define(string groupId, string edgeNodeId, string? deviceId, Payload.Types.Metric metric, out SparkplugMetric? definition)
    {
        definition = null;
        if (!metric.HasName || metric.Name.Length == 0)
        {
            return "a birth metric has no name (Sparkplug 3.0 requires a name on every birth metric)";
        }

        if (!metric.HasDatatype)
        {
            return $"birth metric '{MqttInputException.Clip(metric.Name)}' has no datatype";
        }

        if (_byName.ContainsKey(metric.Name))
        {
            return $"birth metric '{MqttInputException.Clip(metric.Name)}' is defined twice";
        }

        ulong? alias = metric.HasAlias ? metric.Alias : null;
        if (alias is { } a && _byAlias.TryGetValue(a, out var other))
        {
            return $"birth metrics '{MqttInputException.Clip(other.Name)}' and '{MqttInputException.Clip(metric.Name)}' share alias {a} (aliases must be unique per edge node)";
        }

        definition = new SparkplugMetric(groupId, edgeNodeId, deviceId, metric.Name, alias, (SparkplugDataType)metric.Datatype, ReadProperties(metric));
        _byName.Add(metric.Name, definition);
        if (alias is { } key)
        {
            _byAlias.Add(key, definition);
        }

        All.Add(definition);
        return null;
    }

    /// <summary>Finds the definition a data metric refers to (by alias when it carries one, else by name).</summary>
    public SparkplugMetric? Find(Payload.Types.Metric metric)
    {
        if (metric.HasAlias)
        {
            return _byAlias.GetValueOrDefault(metric.Alias);
        }

        return metric.HasName ? _byName.GetValueOrDefault(metric.Name) : null;
    }

    private static Dictionary<string, string> ReadProperties(Payload.Types.Metric metric)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metric.Properties is not { } set)
        {
            return result;
        }

        var n = Math.Min(set.Keys.Count, set.Values.Count);
        for (var i = 0; i < n; i++)
        {
            var v = set.Values[i];
            string? text = v.ValueCase switch
            {
                Payload.Types.PropertyValue.ValueOneofCase.StringValue => v.StringValue,
                Payload.Types.PropertyValue.ValueOneofCase.IntValue => v.IntValue.ToString(CultureInfo.InvariantCulture),
                Payload.Types.PropertyValue.ValueOneofCase.LongValue => v.LongValue.ToString(CultureInfo.InvariantCulture),
                Payload.Types.PropertyValue.ValueOneofCase.FloatValue => v.FloatValue.ToString("R", CultureInfo.InvariantCulture),
                Payload.Types.PropertyValue.ValueOneofCase.DoubleValue => v.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
                Payload.Types.PropertyValue.ValueOneofCase.BooleanValue => v.BooleanValue ? "true" : "false",
                _ => null, // nested property sets are not flattened
            };
            if (text is not null)
            {
                result[set.Keys[i]] = text;
            }
        }

        return result;
    }
}
