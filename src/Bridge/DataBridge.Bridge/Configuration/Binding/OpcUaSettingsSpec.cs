using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>
/// The keys of an <c>opcua:</c> mapping as written (every one optional), so a template's settings can be overlaid by
/// a source's: set values win, namespace aliases merge by name.
/// </summary>
internal sealed record OpcUaSettingsSpec
{
    internal static readonly string[] Keys =
    [
        "endpoint", "publishingInterval", "keepAliveCount", "lifetimeCount", "maxNotificationsPerPublish", "security",
        "namespace", "namespaces", "samplingInterval", "queueSize", "discardOldest",
    ];

    internal static readonly KeyValuePair<string, bool>[] Booleans = [new("true", true), new("false", false)];

    public string? Endpoint { get; init; }

    /// <summary>The <c>security:</c> block (a source's replaces its template's as a whole), or null when neither has one.</summary>
    public OpcUaSecurityDefinition? Security { get; init; }

    public TimeSpan? PublishingInterval { get; init; }

    public int? KeepAliveCount { get; init; }

    public SourceLocation? KeepAliveAt { get; init; }

    public int? LifetimeCount { get; init; }

    public SourceLocation? LifetimeAt { get; init; }

    public int? MaxNotificationsPerPublish { get; init; }

    public string? Namespace { get; init; }

    /// <summary>Aliases by name in file order; a later layer replaces an alias of the same name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Aliases { get; init; } = [];

    /// <summary>Source-level default sampling interval of its tags.</summary>
    public TimeSpan? SamplingInterval { get; init; }

    /// <summary>Source-level default queue size of its tags.</summary>
    public int? QueueSize { get; init; }

    /// <summary>Source-level default discard policy of its tags.</summary>
    public bool? DiscardOldest { get; init; }

    public static OpcUaSettingsSpec Read(ConfigMapping map, string context, Diagnostics d)
    {
        var r = new MappingReader(map, context, Keys, d);
        var endpoint = r.String("endpoint");
        if (endpoint is not null && !endpoint.StartsWith("opc.tcp://", StringComparison.OrdinalIgnoreCase))
        {
            d.Error(r.At("endpoint"), $"bad endpoint {r.Quote("endpoint")} in {context}; write opc.tcp://host:port[/path], e.g. opc.tcp://10.0.0.20:4840");
            endpoint = null;
        }

        return new OpcUaSettingsSpec
        {
            Endpoint = endpoint,
            Security = OpcUaSecuritySpec.Read(r),
            PublishingInterval = r.Duration("publishingInterval", TimeSpan.FromMilliseconds(10)),
            KeepAliveCount = r.Int("keepAliveCount", 1, 65535),
            KeepAliveAt = r.Has("keepAliveCount") ? r.At("keepAliveCount") : null,
            LifetimeCount = r.Int("lifetimeCount", 3, int.MaxValue),
            LifetimeAt = r.Has("lifetimeCount") ? r.At("lifetimeCount") : null,
            MaxNotificationsPerPublish = r.Int("maxNotificationsPerPublish", 0, int.MaxValue),
            Namespace = ReadNamespaceUri(r, r.Scalar("namespace"), "namespace"),
            Aliases = ReadAliases(r),
            SamplingInterval = r.Duration("samplingInterval", TimeSpan.Zero),
            QueueSize = r.Int("queueSize", 1, OpcUaTagSpec.MaxQueueSize),
            DiscardOldest = r.Choice("discardOldest", Booleans),
        };
    }

    /// <summary>This layer overlaid by <paramref name="over"/>: its set values win; aliases merge by name.</summary>
    public OpcUaSettingsSpec Overlay(OpcUaSettingsSpec over)
    {
        var aliases = Layering.MergeByName(Aliases, over.Aliases, a => a.Key);

        return new OpcUaSettingsSpec
        {
            Endpoint = over.Endpoint ?? Endpoint,
            Security = over.Security ?? Security,
            PublishingInterval = over.PublishingInterval ?? PublishingInterval,
            KeepAliveCount = over.KeepAliveCount ?? KeepAliveCount,
            KeepAliveAt = over.KeepAliveAt ?? KeepAliveAt,
            LifetimeCount = over.LifetimeCount ?? LifetimeCount,
            LifetimeAt = over.LifetimeAt ?? LifetimeAt,
            MaxNotificationsPerPublish = over.MaxNotificationsPerPublish ?? MaxNotificationsPerPublish,
            Namespace = over.Namespace ?? Namespace,
            Aliases = aliases,
            SamplingInterval = over.SamplingInterval ?? SamplingInterval,
            QueueSize = over.QueueSize ?? QueueSize,
            DiscardOldest = over.DiscardOldest ?? DiscardOldest,
        };
    }

    /// <summary>
    /// Part 4 §5.13.2: the lifetime count must be at least three times the keep-alive count (servers revise it up
    /// otherwise); refusing it here keeps the configured value the one in force.
    /// </summary>
    public void CheckCounts(string context, Diagnostics d)
    {
        var keepAlive = KeepAliveCount ?? 10;
        var lifetime = LifetimeCount ?? 60;
        if ((long)lifetime < 3L * keepAlive)
        {
            var at = LifetimeAt ?? KeepAliveAt ?? default;
            d.Error(at, $"lifetimeCount {lifetime} of {context} is less than 3 × keepAliveCount ({keepAlive}) (OPC UA Part 4 §5.13.2); write lifetimeCount: {3L * keepAlive} or more, or lower keepAliveCount");
        }
    }

    private static List<KeyValuePair<string, string>> ReadAliases(MappingReader r)
    {
        var list = new List<KeyValuePair<string, string>>();
        var map = r.Mapping("namespaces");
        if (map is null)
        {
            return list;
        }

        foreach (var (key, value) in map.Entries)
        {
            if (!BrowsePathParser.IsAlias(key.Value) || key.Value == BrowsePathParser.StandardAlias)
            {
                r.Diagnostics.Error(key.Location, key.Value == BrowsePathParser.StandardAlias
                    ? $"namespace alias 'ua' in {r.Context} is built in (the OPC UA standard namespace 0); choose another name"
                    : $"bad namespace alias '{key.Value}' in {r.Context}; start with a letter and use letters, digits, '_' and '-', e.g. plant: urn:acme:plant");
                continue;
            }

            if (ReadNamespaceUri(r, value as ConfigScalar, $"namespaces.{key.Value}", value) is { } uri)
            {
                list.Add(new(key.Value, uri));
            }
        }

        return list;
    }

    private static string? ReadNamespaceUri(MappingReader r, ConfigScalar? s, string key, ConfigNode? node = null)
    {
        if (node is not null and not ConfigScalar)
        {
            r.Diagnostics.Error(node.Location, $"'{key}' in {r.Context} must be a namespace URI such as urn:acme:plant, not {node.Kind}");
            return null;
        }

        if (s is null || s.IsInvalid || s.IsNull)
        {
            if (s is { IsNull: true } && node is not null)
            {
                r.Diagnostics.Error(s.Location, $"'{key}' in {r.Context} needs a namespace URI, e.g. urn:acme:plant");
            }

            return null;
        }

        var text = s.Value.Trim();
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            r.Diagnostics.Error(s.Location, $"'{key}' {s.Quoted} in {r.Context} is a namespace index; indexes change when the server restarts; write the namespace URI (databridge browse lists them), e.g. urn:acme:plant");
            return null;
        }

        if (text.Length == 0 || text.Any(char.IsWhiteSpace))
        {
            r.Diagnostics.Error(s.Location, $"bad namespace URI {s.Quoted} for '{key}' in {r.Context}; write the URI without spaces, e.g. urn:acme:plant or http://acme.com/UA/Press/");
            return null;
        }

        return text;
    }
}
