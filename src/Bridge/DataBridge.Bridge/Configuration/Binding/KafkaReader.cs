using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>Reads the <c>kafka:</c> section; properties pass through to librdkafka except those the bridge's promises fix.</summary>
internal static class KafkaReader
{
    internal static readonly string[] Keys = ["bootstrap", "topics", "properties"];
    internal static readonly string[] TopicKeys = ["values", "metadata", "gaps", "events"];

    public static KafkaSettings Read(ConfigMapping? map, Diagnostics d)
    {
        if (map is null)
        {
            return new KafkaSettings();
        }

        var r = new MappingReader(map, "kafka", Keys, d);
        var bootstrap = r.String("bootstrap");
        if (bootstrap is not null && (bootstrap.Trim().Length == 0 || bootstrap.Any(char.IsWhiteSpace)))
        {
            d.Error(r.At("bootstrap"), "bad kafka bootstrap; write host:port[,host:port...] without spaces, e.g. broker1:9092,broker2:9092");
        }

        var topics = TopicNames.Default;
        if (r.Mapping("topics") is { } tm)
        {
            var tr = new MappingReader(tm, "kafka topics", TopicKeys, d);
            topics = new TopicNames
            {
                Values = Topic(tr, "values") ?? topics.Values,
                Metadata = Topic(tr, "metadata") ?? topics.Metadata,
                Gaps = Topic(tr, "gaps") ?? topics.Gaps,
                Events = Topic(tr, "events") ?? topics.Events,
            };
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Mapping("properties") is { } pm)
        {
            foreach (var (key, value) in pm.Entries)
            {
                if (value is not ConfigScalar s)
                {
                    d.Error(value.Location, $"kafka property '{key.Value}' must be a single value, not {value.Kind}");
                    continue;
                }

                if (CheckProperty(key.Value, s.Value) is { } problem)
                {
                    d.Error(key.Location, problem);
                    continue;
                }

                properties[key.Value] = s.Value;
            }
        }

        return new KafkaSettings { BootstrapServers = bootstrap?.Trim() ?? new KafkaSettings().BootstrapServers, Topics = topics, Properties = properties };
    }

    private static string? Topic(MappingReader r, string key)
    {
        var name = r.String(key);
        if (name is null)
        {
            return null;
        }

        if (name.Length is 0 or > 249 || name is "." or ".." || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            r.Diagnostics.Error(r.At(key), $"bad topic name {r.Quote(key)} for '{key}'; Kafka topic names use letters, digits, '.', '_' and '-' (at most 249), e.g. databridge.{key}");
            return null;
        }

        return name;
    }

    /// <summary>The bridge promises idempotent acks=all delivery (brief, promise 3); those properties cannot be weakened here.</summary>
    private static string? CheckProperty(string key, string value) => key switch
    {
        "bootstrap.servers" or "metadata.broker.list" => $"kafka property '{key}' is set by 'kafka: bootstrap:'; move the value there",
        "acks" or "request.required.acks" when value is not ("all" or "-1") => $"kafka property '{key}' cannot be changed: DataBridge needs acks=all so that nothing is lost silently; remove it",
        "enable.idempotence" when !string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) => "kafka property 'enable.idempotence' cannot be turned off: DataBridge delivers idempotently; remove it",
        _ => null,
    };
}
